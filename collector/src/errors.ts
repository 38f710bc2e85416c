import { status as GrpcStatus } from '@grpc/grpc-js';

/** Stable error codes of the write path; each maps to one HTTP status and one gRPC status below. */
export type CollectorErrorCode =
  | 'unauthenticated'
  | 'invalid_argument'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'unavailable'
  | 'internal';

export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  constructor(
    readonly code: CollectorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const STATUS: Record<CollectorErrorCode, { http: number; grpc: GrpcStatus }> = {
  unauthenticated: { http: 401, grpc: GrpcStatus.UNAUTHENTICATED },
  invalid_argument: { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT },
  unsupported_media_type: { http: 415, grpc: GrpcStatus.INVALID_ARGUMENT },
  payload_too_large: { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  resource_exhausted: { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  unavailable: { http: 503, grpc: GrpcStatus.UNAVAILABLE },
  internal: { http: 500, grpc: GrpcStatus.INTERNAL },
};

export function httpStatusOf(code: CollectorErrorCode): number {
  return STATUS[code].http;
}

export function grpcStatusOf(code: CollectorErrorCode): GrpcStatus {
  return STATUS[code].grpc;
}

/** Any thrown value as a CollectorError; unknown errors become 'internal' and keep their cause. */
export function toCollectorError(err: unknown): CollectorError {
  if (err instanceof CollectorError) return err;
  return new CollectorError('internal', 'internal error', { cause: err });
}
