import type { Span } from '../otlp/types.js';
import { flattenAttributes } from './attributes.js';
import type { Attributes } from './attributes.js';
import { cut, exceeds } from './truncate.js';

export interface ScopeView {
  name: string;
  version: string;
}

export interface EventView {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

/** What a convention sees of a span: everything already flattened, read-only, plus sinks for problems. */
export interface SpanView {
  readonly attributes: Attributes;
  /** The attribute names, for prefix scans (`gen_ai.request.*`), listed once per span. */
  readonly keys: readonly string[];
  /** The first segment of every attribute name (`gen_ai`, `llm`, `traceloop`…), for cheap convention gates. */
  readonly namespaces: ReadonlySet<string>;
  readonly resource: Attributes;
  readonly scope: ScopeView;
  readonly name: string;
  /** Span.SpanKind number (0 unspecified … 5 consumer). */
  readonly kind: number;
  /** Validated parent span id, '' for a root span. */
  readonly parentSpanId: string;
  /** Validated start time (unix nanoseconds, decimal). */
  readonly startTimeUnixNano: string;
  readonly status: { code: number; message: string };
  readonly events: readonly EventView[];
  /** Records a malformed value; it lands in metadata.mappingIssues, and the span is still kept. */
  note(problem: string): void;
}

export interface ViewLimits {
  maxFieldBytes: number;
  /** Where the names of cut values are recorded (metadata.truncated). */
  truncated: string[];
}

const NO_EVENTS: readonly EventView[] = [];

function namespacesOf(keys: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const dot = key.indexOf('.');
    out.add(dot < 0 ? key : key.slice(0, dot));
  }
  return out;
}

/** Cuts string attributes over the limit in place; structured values are checked as whole columns later. */
function limitAttributes(attributes: Attributes, prefix: string, limits: ViewLimits): Attributes {
  for (const key in attributes) {
    const value = attributes[key];
    if (typeof value === 'string' && exceeds(value, limits.maxFieldBytes)) {
      attributes[key] = cut(value, limits.maxFieldBytes);
      limits.truncated.push(`${prefix}${key}`);
    }
  }
  return attributes;
}

export function createSpanView(
  span: Span,
  resource: Attributes,
  scope: ScopeView,
  parentSpanId: string,
  issues: string[],
  limits: ViewLimits,
): SpanView {
  const attributes = limitAttributes(flattenAttributes(span.attributes), 'attributes.', limits);
  const keys = Object.keys(attributes);
  return {
    attributes,
    keys,
    namespaces: namespacesOf(keys),
    resource,
    scope,
    name: span.name ?? '',
    kind: span.kind ?? 0,
    parentSpanId,
    startTimeUnixNano: String(span.startTimeUnixNano ?? ''),
    status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
    events:
      span.events === undefined || span.events.length === 0
        ? NO_EVENTS
        : span.events.map((e, i) => ({
            name: e.name ?? '',
            timeUnixNano: e.timeUnixNano ?? '',
            attributes: limitAttributes(flattenAttributes(e.attributes), `events.${i}.`, limits),
          })),
    note: (problem) => {
      issues.push(problem);
    },
  };
}
