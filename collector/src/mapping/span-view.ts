import type { Span } from '../otlp/types.js';
import { flattenAttributes } from './attributes.js';
import type { Attributes } from './attributes.js';

export interface ScopeView {
  name: string;
  version: string;
}

export interface EventView {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

/** What a convention sees of a span: everything already flattened, read-only, plus a sink for problems. */
export interface SpanView {
  readonly attributes: Attributes;
  /** The attribute names, for prefix scans (`gen_ai.request.*`), listed once per span. */
  readonly keys: readonly string[];
  readonly resource: Attributes;
  readonly scope: ScopeView;
  readonly name: string;
  /** Span.SpanKind number (0 unspecified … 5 consumer). */
  readonly kind: number;
  /** Validated parent span id, '' for a root span. */
  readonly parentSpanId: string;
  readonly status: { code: number; message: string };
  readonly events: readonly EventView[];
  /** Records a malformed value; it lands in metadata.mappingIssues, and the span is still kept. */
  note(problem: string): void;
}

const NO_EVENTS: readonly EventView[] = [];

export function createSpanView(
  span: Span,
  resource: Attributes,
  scope: ScopeView,
  parentSpanId: string,
  issues: string[],
): SpanView {
  const attributes = flattenAttributes(span.attributes);
  return {
    attributes,
    keys: Object.keys(attributes),
    resource,
    scope,
    name: span.name ?? '',
    kind: span.kind ?? 0,
    parentSpanId,
    status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
    events:
      span.events === undefined || span.events.length === 0
        ? NO_EVENTS
        : span.events.map((e) => ({
            name: e.name ?? '',
            timeUnixNano: e.timeUnixNano ?? '',
            attributes: flattenAttributes(e.attributes),
          })),
    note: (problem) => {
      issues.push(problem);
    },
  };
}
