import { Metadata } from '@grpc/grpc-js';
import { context, trace, type Span } from '@opentelemetry/api';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as HttpLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as HttpMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { basicAuthHeader, type TestSpanlight } from '../helpers/spanlight.js';

/** A stock OTel logs and metrics exporter pair over one transport. */
export interface Transport {
  logs(s: TestSpanlight): LogRecordExporter;
  metrics(s: TestSpanlight): PushMetricExporter;
}

/** OTLP SeverityNumber values (INFO, WARN). */
export const SEVERITY_INFO = 9;
export const SEVERITY_WARN = 13;

const grpcMetadata = (): Metadata => {
  const metadata = new Metadata();
  metadata.set('authorization', basicAuthHeader());
  return metadata;
};
const headers = () => ({ authorization: basicAuthHeader() });

export const TRANSPORTS: Record<string, Transport> = {
  gRPC: {
    logs: (s) => new GrpcLogExporter({ url: s.otlpGrpcUrl, metadata: grpcMetadata() }),
    metrics: (s) => new GrpcMetricExporter({ url: s.otlpGrpcUrl, metadata: grpcMetadata() }),
  },
  'HTTP/JSON on the OTLP port': {
    logs: (s) => new HttpLogExporter({ url: `${s.otlpHttpUrl}/v1/logs`, headers: headers() }),
    metrics: (s) => new HttpMetricExporter({ url: `${s.otlpHttpUrl}/v1/metrics`, headers: headers() }),
  },
  'HTTP/JSON on the API port': {
    logs: (s) => new HttpLogExporter({ url: `${s.apiUrl}/api/public/otel/v1/logs`, headers: headers() }),
    metrics: (s) => new HttpMetricExporter({ url: `${s.apiUrl}/api/public/otel/v1/metrics`, headers: headers() }),
  },
};

/**
 * A tracer (spans exported one by one over HTTP/protobuf) and a logger over the given logs exporter;
 * records emitted between flushes go out in one request, as in an application.
 */
export function telemetry(s: TestSpanlight, logs: LogRecordExporter) {
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [
      new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${s.otlpHttpUrl}/v1/traces`, headers: headers() })),
    ],
  });
  const loggerProvider = new LoggerProvider({ processors: [new BatchLogRecordProcessor({ exporter: logs })] });
  const logger = loggerProvider.getLogger('genai-app');
  return {
    tracer: tracerProvider.getTracer('genai-app'),
    /** Emits a log record in the span's context (or without trace context when span is undefined). */
    emit(span: Span | undefined, eventName: string, body: Record<string, unknown>, severity = SEVERITY_INFO) {
      const ctx = span ? trace.setSpan(context.active(), span) : undefined;
      logger.emit({ eventName, body: body as never, severityNumber: severity, attributes: { 'gen_ai.provider.name': 'openai' }, context: ctx });
    },
    async flush() {
      await loggerProvider.forceFlush();
      await tracerProvider.forceFlush();
    },
    async shutdown() {
      await loggerProvider.shutdown();
      await tracerProvider.shutdown();
    },
  };
}

/** Records GenAI client metrics through a MeterProvider and pushes them once. */
export async function sendGenAiMetrics(exporter: PushMetricExporter, runId: string): Promise<void> {
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const meter = provider.getMeter('genai-app');
  const tokens = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}' });
  const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
  const attrs = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o-mini', run: runId };
  tokens.record(12, { ...attrs, 'gen_ai.token.type': 'input' });
  tokens.record(5, { ...attrs, 'gen_ai.token.type': 'output' });
  duration.record(0.75, attrs);
  meter.createCounter('requests').add(3, attrs);
  // Shutdown collects and pushes once (a flush before it would push the cumulative points twice).
  await provider.shutdown();
}
