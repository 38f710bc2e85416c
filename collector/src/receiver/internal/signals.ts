import type { AuthenticatedProject } from '../../auth/types.js';
import {
  decodeLogsRequest,
  decodeMetricsRequest,
  decodeTraceRequest,
  encodeLogsResponse,
  encodeMetricsResponse,
  encodeTraceResponse,
  logsServiceDefinition,
  metricsServiceDefinition,
  traceServiceDefinition,
  type OtlpEncoding,
  type OtlpServiceDefinition,
} from '../../otlp/index.js';
import type { ExportLogsPartialSuccess, ExportMetricsPartialSuccess, ExportTracePartialSuccess } from '../../otlp/types.js';
import { exportTraces, type ExportDeps } from './export.js';
import { exportLogs } from './logs.js';
import { exportMetrics } from './metrics.js';

/** What differs between the traces, logs and metrics endpoints; the HTTP and gRPC steps are shared. */
export interface OtlpSignal<P> {
  path: '/v1/traces' | '/v1/logs' | '/v1/metrics';
  service: OtlpServiceDefinition<P>;
  /** Decodes, maps and stores one request; resolves with its partial success (undefined when all was accepted). */
  handle(body: Buffer, encoding: OtlpEncoding, project: AuthenticatedProject, deps: ExportDeps): Promise<P | undefined>;
  encodeResponse(partial: P | undefined, encoding: OtlpEncoding): Buffer;
}

export const TRACES: OtlpSignal<ExportTracePartialSuccess> = {
  path: '/v1/traces',
  service: traceServiceDefinition,
  handle: (body, encoding, project, deps) => exportTraces(decodeTraceRequest(body, encoding), project, deps),
  encodeResponse: encodeTraceResponse,
};

export const LOGS: OtlpSignal<ExportLogsPartialSuccess> = {
  path: '/v1/logs',
  service: logsServiceDefinition,
  handle: (body, encoding, project, deps) => exportLogs(decodeLogsRequest(body, encoding), project, deps),
  encodeResponse: encodeLogsResponse,
};

export const METRICS: OtlpSignal<ExportMetricsPartialSuccess> = {
  path: '/v1/metrics',
  service: metricsServiceDefinition,
  handle: (body, encoding, project, deps) => exportMetrics(decodeMetricsRequest(body, encoding), project, deps),
  encodeResponse: encodeMetricsResponse,
};
