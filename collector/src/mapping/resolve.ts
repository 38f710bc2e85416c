import type { ObservationType } from '../batch/index.js';
import type { Convention, FieldName, FieldValues } from './conventions/index.js';
import type { SpanView } from './span-view.js';

/** The conventions whose gate lets this span through, still in priority order. */
export function activeConventions(conventions: readonly Convention[], span: SpanView): Convention[] {
  return conventions.filter((c) => c.matches === undefined || c.matches(span));
}

/** First convention with a type wins; nothing matched is SPAN. */
export function resolveType(conventions: readonly Convention[], span: SpanView): ObservationType {
  for (const c of conventions) {
    const type = c.type?.(span);
    if (type !== undefined) return type;
  }
  return 'SPAN';
}

/** First convention with a defined value for the field wins. */
export function resolveField<K extends FieldName>(
  conventions: readonly Convention[],
  span: SpanView,
  field: K,
): FieldValues[K] | undefined {
  for (const c of conventions) {
    const value = c.fields[field]?.(span);
    if (value !== undefined) return value;
  }
  return undefined;
}
