import * as grpc from '@grpc/grpc-js';
import { authenticate } from '../../auth/authenticate.js';
import type { ApiKeyVerifier } from '../../auth/types.js';
import { grpcStatusOf, toCollectorError } from '../../errors.js';
import { decodeTraceRequest, traceServiceDefinition } from '../../otlp/index.js';
import type { ExportTracePartialSuccess } from '../../otlp/types.js';
import { exportTraces, type ExportDeps, type InflightLimiter } from './export.js';

export interface GrpcExportDeps extends ExportDeps {
  keys: ApiKeyVerifier;
  limiter: InflightLimiter;
}

type ExportCall = grpc.ServerUnaryCall<Buffer, ExportTracePartialSuccess | undefined>;
type ExportCallback = grpc.sendUnaryData<ExportTracePartialSuccess | undefined>;

/** Registers `TraceService/Export`; the request arrives as raw bytes so decode errors become INVALID_ARGUMENT. */
export function addTraceService(server: grpc.Server, deps: GrpcExportDeps): void {
  server.addService(traceServiceDefinition, {
    Export: (call: ExportCall, callback: ExportCallback) => {
      handleExport(call, deps).then(
        (partial) => callback(null, partial),
        (err: unknown) => {
          const error = toCollectorError(err);
          if (error.code === 'internal') deps.logger.error('otlp/grpc export failed', { err });
          callback({ code: grpcStatusOf(error.code), details: error.message });
        },
      );
    },
  });
}

async function handleExport(call: ExportCall, deps: GrpcExportDeps): Promise<ExportTracePartialSuccess | undefined> {
  const [header] = call.metadata.get('authorization');
  const project = await authenticate(typeof header === 'string' ? header : header?.toString('utf8'), deps.keys);
  const request = decodeTraceRequest(call.request, 'protobuf');
  return deps.limiter.run(() => exportTraces(request, project, deps));
}
