import type { AnyValue, ExportTraceServiceRequest, KeyValue, Span } from '../../otlp/types.js';

/** Small builders for OTLP/JSON test requests in the normalized shape. */

export function value(v: unknown): AnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(value) } };
  if (v !== null && typeof v === 'object') return { kvlistValue: { values: attrs(v as Record<string, unknown>) } };
  return {};
}

export function attrs(record: Record<string, unknown>): KeyValue[] {
  return Object.entries(record).map(([key, v]) => ({ key, value: value(v) }));
}

let counter = 0;

export function span(overrides: Partial<Span> & { attrs?: Record<string, unknown> } = {}): Span {
  counter++;
  const { attrs: record, ...rest } = overrides;
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: counter.toString(16).padStart(16, '0'),
    parentSpanId: '',
    name: `span-${counter}`,
    kind: 1,
    startTimeUnixNano: '1750000000000000000',
    endTimeUnixNano: '1750000001000000000',
    attributes: record === undefined ? [] : attrs(record),
    status: {},
    ...rest,
  };
}

export function request(
  spans: Span[],
  options: { resource?: Record<string, unknown>; scope?: { name: string; version?: string } } = {},
): ExportTraceServiceRequest {
  return {
    resourceSpans: [
      {
        resource: { attributes: attrs(options.resource ?? { 'service.name': 'test-service' }) },
        scopeSpans: [{ scope: options.scope ?? { name: 'test-scope', version: '1.0.0' }, spans }],
      },
    ],
  };
}
