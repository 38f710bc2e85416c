import * as grpc from '@grpc/grpc-js';
import { authenticate } from '../../auth/authenticate.js';
import type { ApiKeyVerifier } from '../../auth/types.js';
import { grpcStatusOf, toCollectorError } from '../../errors.js';
import type { ExportDeps, InflightLimiter } from './export.js';
import type { OtlpSignal } from './signals.js';

export interface GrpcExportDeps extends ExportDeps {
  keys: ApiKeyVerifier;
  limiter: InflightLimiter;
}

/** Registers a signal's `…Service/Export`; the request arrives as raw bytes so decode errors become INVALID_ARGUMENT. */
export function addOtlpService<P>(server: grpc.Server, signal: OtlpSignal<P>, deps: GrpcExportDeps): void {
  server.addService(signal.service, {
    Export: (call: grpc.ServerUnaryCall<Buffer, P | undefined>, callback: grpc.sendUnaryData<P | undefined>) => {
      handleExport(call, signal, deps).then(
        (partial) => callback(null, partial),
        (err: unknown) => {
          const error = toCollectorError(err);
          if (error.code === 'internal') deps.logger.error('otlp/grpc export failed', { path: signal.path, err });
          callback({ code: grpcStatusOf(error.code), details: error.message });
        },
      );
    },
  });
}

async function handleExport<P>(
  call: grpc.ServerUnaryCall<Buffer, P | undefined>,
  signal: OtlpSignal<P>,
  deps: GrpcExportDeps,
): Promise<P | undefined> {
  const [header] = call.metadata.get('authorization');
  const project = await authenticate(typeof header === 'string' ? header : header?.toString('utf8'), deps.keys);
  return deps.limiter.run(() => signal.handle(call.request, 'protobuf', project, deps));
}
