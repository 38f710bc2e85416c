import { z } from 'zod';

/** ClickHouse DateTime64(6) text form, always UTC (as in observation-row.ts). */
const dateTime64 = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);

/**
 * One row of `span_log_events` (clickhouse/0005_span_log_events.sql): a GenAI content event received
 * as an OTLP log record, attached to its span's observation when that is read. JSON fields hold JSON text.
 */
export const spanLogEventRow = z.object({
  project_id: z.string(),
  trace_id: z.string(),
  span_id: z.string(),
  /** Deterministic per record, so a redelivered batch collapses onto the same rows. */
  record_id: z.string(),
  time: dateTime64,
  /** The record's position in its request: orders records of equal time. */
  seq: z.number().int().nonnegative(),
  event_name: z.string(),
  slot: z.enum(['input', 'output']),
  part: z.boolean(),
  content: z.string(),
  body: z.string(),
  attributes: z.string(),
});
export type SpanLogEventRow = z.infer<typeof spanLogEventRow>;

/** One row of `metric_points` (clickhouse/0006_metric_points.sql): one OTLP metric data point. */
export const metricPointRow = z.object({
  project_id: z.string(),
  point_id: z.string(),
  name: z.string(),
  type: z.enum(['gauge', 'sum', 'histogram', 'exponential_histogram', 'summary']),
  unit: z.string(),
  temporality: z.enum(['', 'delta', 'cumulative']),
  start_time: dateTime64,
  time: dateTime64,
  attributes: z.record(z.string(), z.string()),
  resource_attributes: z.record(z.string(), z.string()),
  scope_name: z.string(),
  value: z.number().nullable(),
  count: z.number().int().nonnegative().nullable(),
  sum: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  bucket_counts: z.array(z.number().int().nonnegative()),
  explicit_bounds: z.array(z.number()),
  received_at: z.string(),
});
export type MetricPointRow = z.infer<typeof metricPointRow>;
