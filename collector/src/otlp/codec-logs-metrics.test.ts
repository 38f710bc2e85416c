import { ROOT_CONTEXT, TraceFlags, ValueType, trace } from '@opentelemetry/api';
import {
  JsonLogsSerializer,
  JsonMetricsSerializer,
  ProtobufLogsSerializer,
  ProtobufMetricsSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { CollectorError } from '../errors.js';
import {
  decodeLogsRequest,
  decodeMetricsRequest,
  encodeLogsResponse,
  encodeMetricsResponse,
} from './codec.js';
import { signalTypes } from './proto.js';
import type { Metric } from './types.js';

const resource = resourceFromAttributes({ 'service.name': 'checkout' });
const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

function sdkLogs() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  provider.getLogger('codec-test', '1.0.0').emit({
    timestamp: [1_700_000_000, 1],
    observedTimestamp: [1_700_000_000, 2],
    severityNumber: 17,
    severityText: 'ERROR',
    eventName: 'gen_ai.evaluation.result',
    body: { message: 'judge said no', score: 0.5, tags: ['a'] },
    attributes: { 'raw': new Uint8Array([1, 2, 3]), 'n': 4 },
    context: trace.setSpanContext(ROOT_CONTEXT, spanContext),
  });
  return exporter.getFinishedLogRecords();
}

/** A pull reader: collect() on demand, no timers. */
class OnDemandReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

async function sdkMetrics() {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({
    resource,
    readers: [reader],
    views: [{ instrumentName: 'latency.exp', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('codec-test', '1.0.0');
  meter.createCounter('tokens', { unit: '{token}', valueType: ValueType.INT }).add(5, { model: 'gpt-4o' });
  meter.createHistogram('latency', { unit: 's' }).record(1.5);
  meter.createHistogram('latency.exp').record(3);
  meter.createGauge('temperature').record(21.5);
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics;
}

describe('logs', () => {
  const records = sdkLogs();
  const protobuf = Buffer.from(ProtobufLogsSerializer.serializeRequest(records)!);
  const json = Buffer.from(JsonLogsSerializer.serializeRequest(records)!);

  it('decodes SDK protobuf and JSON exports to the same normalized log record', () => {
    const decoded = decodeLogsRequest(protobuf, 'protobuf');
    expect(decoded).toEqual(decodeLogsRequest(json, 'json'));
    const record = decoded.resourceLogs![0]!.scopeLogs![0]!.logRecords![0]!;
    expect(record).toMatchObject({
      timeUnixNano: '1700000000000000001',
      observedTimeUnixNano: '1700000000000000002',
      severityNumber: 17,
      severityText: 'ERROR',
      eventName: 'gen_ai.evaluation.result',
      traceId: spanContext.traceId,
      spanId: spanContext.spanId,
      flags: 1,
    });
    expect(record.body).toEqual({
      kvlistValue: {
        values: [
          { key: 'message', value: { stringValue: 'judge said no' } },
          { key: 'score', value: { doubleValue: 0.5 } },
          { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
        ],
      },
    });
    expect(record.attributes).toEqual([
      { key: 'raw', value: { bytesValue: 'AQID' } },
      { key: 'n', value: { intValue: '4' } },
    ]);
  });

  it('accepts enum names and rejects a non-array logRecords', () => {
    const body = '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":"SEVERITY_NUMBER_WARN"}]}]}]}';
    const record = decodeLogsRequest(Buffer.from(body), 'json').resourceLogs![0]!.scopeLogs![0]!.logRecords![0]!;
    expect(record).toMatchObject({ severityNumber: 13, traceId: '', spanId: '', timeUnixNano: '0' });
    expect(() => decodeLogsRequest(Buffer.from('{"resourceLogs":[{"scopeLogs":[{"logRecords":{}}]}]}'), 'json')).toThrow(
      expect.objectContaining({ code: 'invalid_argument', message: expect.stringMatching(/logRecords: expected an array/) }),
    );
  });

  it('encodes ExportLogsServiceResponse in both encodings', () => {
    const partial = { rejectedLogRecords: 2, errorMessage: 'no body' };
    const type = signalTypes('logs').response;
    expect(type.toObject(type.decode(encodeLogsResponse(partial, 'protobuf')), { longs: String })).toEqual({
      partialSuccess: { rejectedLogRecords: '2', errorMessage: 'no body' },
    });
    expect(JSON.parse(encodeLogsResponse(partial, 'json').toString())).toEqual({
      partialSuccess: { rejectedLogRecords: '2', errorMessage: 'no body' },
    });
  });
});

describe('metrics', () => {
  it('decodes SDK protobuf and JSON exports to the same normalized metrics', async () => {
    const resourceMetrics = await sdkMetrics();
    const protobuf = Buffer.from(ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!);
    const json = Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics)!);
    const decoded = decodeMetricsRequest(protobuf, 'protobuf');
    expect(decoded).toEqual(decodeMetricsRequest(json, 'json'));

    const metrics = new Map<string, Metric>(
      decoded.resourceMetrics![0]!.scopeMetrics![0]!.metrics!.map((metric) => [metric.name, metric]),
    );
    expect(metrics.get('tokens')).toMatchObject({
      unit: '{token}',
      sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: '5' }] },
    });
    expect(metrics.get('tokens')!.sum!.dataPoints![0]!.attributes).toEqual([
      { key: 'model', value: { stringValue: 'gpt-4o' } },
    ]);
    const histogram = metrics.get('latency')!.histogram!.dataPoints![0]!;
    expect(histogram).toMatchObject({ count: '1', sum: 1.5, min: 1.5, max: 1.5 });
    expect(histogram.bucketCounts!.every((count) => /^\d+$/.test(count))).toBe(true);
    expect(histogram.explicitBounds![0]).toBe(0);
    expect(metrics.get('latency.exp')!.exponentialHistogram!.dataPoints![0]).toMatchObject({ count: '1', sum: 3 });
    expect(metrics.get('temperature')!.gauge!.dataPoints![0]).toMatchObject({ asDouble: 21.5 });
    expect(metrics.get('temperature')!.gauge!.dataPoints![0]).not.toHaveProperty('asInt');
  });

  it('normalizes hand-written summaries and exemplars (snake_case, numbers, enum names)', () => {
    const body = JSON.stringify({
      resource_metrics: [
        {
          scope_metrics: [
            {
              metrics: [
                {
                  name: 'rpc.duration',
                  summary: {
                    data_points: [
                      { time_unix_nano: 5, count: 2, sum: 3, quantile_values: [{ quantile: 0.5, value: 1 }] },
                    ],
                  },
                },
                {
                  name: 'requests',
                  sum: {
                    aggregation_temporality: 'AGGREGATION_TEMPORALITY_DELTA',
                    data_points: [
                      { as_int: 7, exemplars: [{ as_double: 1.25, trace_id: 'AB', span_id: 'CD', time_unix_nano: '9' }] },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const [summary, sum] = decodeMetricsRequest(Buffer.from(body), 'json').resourceMetrics![0]!.scopeMetrics![0]!.metrics!;
    expect(summary!.summary!.dataPoints![0]).toMatchObject({
      timeUnixNano: '5',
      startTimeUnixNano: '0',
      count: '2',
      sum: 3,
      quantileValues: [{ quantile: 0.5, value: 1 }],
    });
    expect(sum!.sum).toMatchObject({ aggregationTemporality: 1, isMonotonic: false });
    expect(sum!.sum!.dataPoints![0]).toMatchObject({
      asInt: '7',
      exemplars: [{ asDouble: 1.25, traceId: 'ab', spanId: 'cd', timeUnixNano: '9', filteredAttributes: [] }],
    });
  });

  it('rejects malformed metrics and encodes ExportMetricsServiceResponse', () => {
    expect(() => decodeMetricsRequest(Buffer.from([0x0a, 0x09]), 'protobuf')).toThrow(CollectorError);
    const partial = { rejectedDataPoints: 1, errorMessage: 'no time' };
    const type = signalTypes('metrics').response;
    expect(type.toObject(type.decode(encodeMetricsResponse(partial, 'protobuf')), { longs: String })).toEqual({
      partialSuccess: { rejectedDataPoints: '1', errorMessage: 'no time' },
    });
    expect(JSON.parse(encodeMetricsResponse(partial, 'json').toString())).toEqual({
      partialSuccess: { rejectedDataPoints: '1', errorMessage: 'no time' },
    });
  });
});
