import { createHash } from 'node:crypto';
import type { MetricPointRow } from '../../batch/signal-rows.js';
import { flattenAttributes } from '../../mapping/attributes.js';
import { millisToDateTime64, nanosToDateTime64 } from '../../mapping/time.js';
import type { ExportMetricsServiceRequest, KeyValue, Metric } from '../../otlp/types.js';

export interface MetricsMapResult {
  points: MetricPointRow[];
  rejectedDataPoints: number;
  errorMessage: string;
}

type Base = Omit<MetricPointRow, 'point_id' | 'start_time' | 'time' | 'attributes' | 'value' | 'count' | 'sum' | 'min' | 'max' | 'bucket_counts' | 'explicit_bounds'>;
type Values = Pick<MetricPointRow, 'value' | 'count' | 'sum' | 'min' | 'max' | 'bucket_counts' | 'explicit_bounds'>;
interface Point {
  attributes?: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
}

const NO_VALUES: Values = { value: null, count: null, sum: null, min: null, max: null, bucket_counts: [], explicit_bounds: [] };
const TEMPORALITY = ['', 'delta', 'cumulative'] as const;

/** One row per data point; points without a time are rejected (they cannot be placed on a chart). */
export function mapMetricsRequest(request: ExportMetricsServiceRequest, projectId: string, receivedAt: number): MetricsMapResult {
  const points: MetricPointRow[] = [];
  let rejected = 0;
  const received = millisToDateTime64(receivedAt);
  for (const rm of request.resourceMetrics ?? []) {
    const resource = stringMap(rm.resource?.attributes);
    for (const sm of rm.scopeMetrics ?? []) {
      for (const metric of sm.metrics ?? []) {
        const base: Omit<Base, 'type' | 'temporality'> = {
          project_id: projectId,
          name: metric.name,
          unit: metric.unit ?? '',
          resource_attributes: resource,
          scope_name: sm.scope?.name ?? '',
          received_at: received.slice(0, 23),
        };
        for (const [type, temporality, point, values] of pointsOf(metric)) {
          const time = nanosToDateTime64(point.timeUnixNano);
          if (time === undefined) {
            rejected++;
            continue;
          }
          const attributes = stringMap(point.attributes);
          const row: MetricPointRow = {
            ...base,
            type,
            temporality: TEMPORALITY[temporality ?? 0] ?? '',
            point_id: '',
            start_time: nanosToDateTime64(point.startTimeUnixNano) ?? time,
            time,
            attributes,
            ...values,
          };
          row.point_id = createHash('sha256').update(JSON.stringify([row.name, row.time, row.start_time, attributes, resource])).digest('hex').slice(0, 16);
          points.push(row);
        }
      }
    }
  }
  const errorMessage = rejected === 0 ? '' : `${rejected} data point(s) rejected: a data point needs a time_unix_nano`;
  return { points, rejectedDataPoints: rejected, errorMessage };
}

function* pointsOf(metric: Metric): Generator<[MetricPointRow['type'], number | undefined, Point, Values]> {
  for (const p of metric.gauge?.dataPoints ?? []) yield ['gauge', 0, p, { ...NO_VALUES, value: numberOf(p) }];
  for (const p of metric.sum?.dataPoints ?? []) yield ['sum', metric.sum?.aggregationTemporality, p, { ...NO_VALUES, value: numberOf(p) }];
  for (const p of metric.histogram?.dataPoints ?? []) {
    yield ['histogram', metric.histogram?.aggregationTemporality, p, {
      ...NO_VALUES,
      count: Number(p.count),
      sum: p.sum ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
      bucket_counts: (p.bucketCounts ?? []).map(Number),
      explicit_bounds: p.explicitBounds ?? [],
    }];
  }
  for (const p of metric.exponentialHistogram?.dataPoints ?? []) {
    yield ['exponential_histogram', metric.exponentialHistogram?.aggregationTemporality, p, {
      ...NO_VALUES,
      count: Number(p.count),
      sum: p.sum ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
    }];
  }
  for (const p of metric.summary?.dataPoints ?? []) yield ['summary', 0, p, { ...NO_VALUES, count: Number(p.count), sum: p.sum ?? null }];
}

function numberOf(p: { asDouble?: number; asInt?: string }): number | null {
  if (p.asDouble !== undefined) return p.asDouble;
  return p.asInt !== undefined ? Number(p.asInt) : null;
}

/** Attributes as Map(String, String): strings as is, other values as JSON. */
function stringMap(list: readonly KeyValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const attrs = flattenAttributes(list);
  for (const key in attrs) {
    const v = attrs[key];
    out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
