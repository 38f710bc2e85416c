/**
 * OTLP trace data in its JSON mapping (opentelemetry-proto, OTLP/JSON), the one shape the mappers read.
 * Both codecs produce it: JSON bodies are normalized into it, protobuf bodies are decoded into it.
 * Normalized means: trace/span ids are lower-case hex ('' when absent), 64-bit integers (times,
 * intValue) are decimal strings, enums are numbers, bytes values are base64 strings.
 * Both decoders also fill every non-oneof scalar with its proto3 default and every repeated field
 * with [] when absent; oneof members, proto3 `optional` fields and sub-messages appear only when set.
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
  droppedAttributesCount?: number;
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
  droppedAttributesCount?: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes?: KeyValue[];
  droppedAttributesCount?: number;
  /** W3C trace flags in bits 0-7, is-remote knowledge in bits 8-9. */
  flags?: number;
}

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState?: string;
  /** W3C trace flags in bits 0-7, parent is-remote knowledge in bits 8-9. */
  flags?: number;
  name: string;
  kind?: SpanKind;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: KeyValue[];
  droppedAttributesCount?: number;
  events?: SpanEvent[];
  droppedEventsCount?: number;
  links?: SpanLink[];
  droppedLinksCount?: number;
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

export interface ExportLogsPartialSuccess {
  rejectedLogRecords: number;
  errorMessage: string;
}

export interface ExportMetricsPartialSuccess {
  rejectedDataPoints: number;
  errorMessage: string;
}

/** LogRecord.SeverityNumber: 0 unspecified, 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export type SeverityNumber = number;

export interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: SeverityNumber;
  severityText?: string;
  body?: AnyValue;
  attributes?: KeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
  /** Lower-case hex; '' when the record is not tied to a trace. */
  traceId: string;
  spanId: string;
  eventName?: string;
}

export interface ScopeLogs {
  scope?: InstrumentationScope;
  logRecords?: LogRecord[];
  schemaUrl?: string;
}

export interface ResourceLogs {
  resource?: Resource;
  scopeLogs?: ScopeLogs[];
  schemaUrl?: string;
}

export interface ExportLogsServiceRequest {
  resourceLogs?: ResourceLogs[];
}

/** Metric data points: exactly one of asInt (decimal string) / asDouble is set on a valid point. */
export interface Exemplar {
  filteredAttributes?: KeyValue[];
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
  spanId: string;
  traceId: string;
}

export interface NumberDataPoint {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
  exemplars?: Exemplar[];
  flags?: number;
}

export interface HistogramDataPoint {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  bucketCounts?: string[];
  explicitBounds?: number[];
  exemplars?: Exemplar[];
  flags?: number;
  min?: number;
  max?: number;
}

export interface ExponentialHistogramBuckets {
  offset?: number;
  bucketCounts?: string[];
}

export interface ExponentialHistogramDataPoint {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  scale?: number;
  zeroCount?: string;
  positive?: ExponentialHistogramBuckets;
  negative?: ExponentialHistogramBuckets;
  flags?: number;
  exemplars?: Exemplar[];
  min?: number;
  max?: number;
  zeroThreshold?: number;
}

export interface SummaryDataPoint {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  quantileValues?: { quantile?: number; value?: number }[];
  flags?: number;
}

/** AggregationTemporality: 0 unspecified, 1 delta, 2 cumulative. */
export type AggregationTemporality = number;

export interface Metric {
  name: string;
  description?: string;
  unit?: string;
  gauge?: { dataPoints?: NumberDataPoint[] };
  sum?: { dataPoints?: NumberDataPoint[]; aggregationTemporality?: AggregationTemporality; isMonotonic?: boolean };
  histogram?: { dataPoints?: HistogramDataPoint[]; aggregationTemporality?: AggregationTemporality };
  exponentialHistogram?: {
    dataPoints?: ExponentialHistogramDataPoint[];
    aggregationTemporality?: AggregationTemporality;
  };
  summary?: { dataPoints?: SummaryDataPoint[] };
  metadata?: KeyValue[];
}

export interface ScopeMetrics {
  scope?: InstrumentationScope;
  metrics?: Metric[];
  schemaUrl?: string;
}

export interface ResourceMetrics {
  resource?: Resource;
  scopeMetrics?: ScopeMetrics[];
  schemaUrl?: string;
}

export interface ExportMetricsServiceRequest {
  resourceMetrics?: ResourceMetrics[];
}
