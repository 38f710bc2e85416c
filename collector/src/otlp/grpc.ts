import type * as grpc from '@grpc/grpc-js';
import { decodePartialSuccess, encodeLogsResponse, encodeMetricsResponse, encodeTraceResponse } from './codec.js';
import type { ExportLogsPartialSuccess, ExportMetricsPartialSuccess, ExportTracePartialSuccess } from './types.js';

/**
 * One OTLP service with its unary Export: the request stays raw bytes (the handler decodes, so a decode
 * error becomes INVALID_ARGUMENT), the response is the partial success, serialized here.
 */
export type OtlpServiceDefinition<P> = grpc.ServiceDefinition<{ Export: grpc.handleUnaryCall<Buffer, P | undefined> }>;

const identity = (bytes: Buffer): Buffer => bytes;

export const traceServiceDefinition: OtlpServiceDefinition<ExportTracePartialSuccess> = {
  Export: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: (partial: ExportTracePartialSuccess | undefined) => encodeTraceResponse(partial, 'protobuf'),
    responseDeserialize: (bytes: Buffer) => decodePartialSuccess('trace', bytes),
    originalName: 'export',
  },
};

export const logsServiceDefinition: OtlpServiceDefinition<ExportLogsPartialSuccess> = {
  Export: {
    path: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: (partial: ExportLogsPartialSuccess | undefined) => encodeLogsResponse(partial, 'protobuf'),
    responseDeserialize: (bytes: Buffer) => decodePartialSuccess('logs', bytes),
    originalName: 'export',
  },
};

export const metricsServiceDefinition: OtlpServiceDefinition<ExportMetricsPartialSuccess> = {
  Export: {
    path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: (partial: ExportMetricsPartialSuccess | undefined) => encodeMetricsResponse(partial, 'protobuf'),
    responseDeserialize: (bytes: Buffer) => decodePartialSuccess('metrics', bytes),
    originalName: 'export',
  },
};
