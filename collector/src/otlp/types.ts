/**
 * OTLP trace data in its JSON mapping (opentelemetry-proto, OTLP/JSON), the one shape the mappers read.
 * Both codecs produce it: JSON bodies are normalized into it, protobuf bodies are decoded into it.
 * Normalized means: trace/span ids are lower-case hex ('' when absent), 64-bit integers (times,
 * intValue) are decimal strings, enums are numbers, bytes values are base64 strings.
 */
export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}

export interface KeyValue {
  key: string;
  value?: AnyValue;
}

export interface Resource {
  attributes?: KeyValue[];
  droppedAttributesCount?: number;
}

export interface InstrumentationScope {
  name?: string;
  version?: string;
  attributes?: KeyValue[];
}

/** Span.SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
export type SpanKind = number;

/** Status.StatusCode: 0 unset, 1 ok, 2 error. */
export interface Status {
  code?: number;
  message?: string;
}

export interface SpanEvent {
  timeUnixNano: string;
  name: string;
  attributes?: KeyValue[];
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes?: KeyValue[];
}

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState?: string;
  name: string;
  kind?: SpanKind;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: KeyValue[];
  events?: SpanEvent[];
  links?: SpanLink[];
  status?: Status;
}

export interface ScopeSpans {
  scope?: InstrumentationScope;
  spans?: Span[];
  schemaUrl?: string;
}

export interface ResourceSpans {
  resource?: Resource;
  scopeSpans?: ScopeSpans[];
  schemaUrl?: string;
}

export interface ExportTraceServiceRequest {
  resourceSpans?: ResourceSpans[];
}

export interface ExportTracePartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}
