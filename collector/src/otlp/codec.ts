import { CollectorError } from '../errors.js';
import { JsonShapeError, formatPath, normalizeJson } from './from-json.js';
import { normalizeDecoded } from './from-protobuf.js';
import { int64ToString, type LongLike } from './int64.js';
import { messagePlan } from './plan.js';
import { signalTypes, type OtlpSignal } from './proto.js';
import type {
  ExportLogsPartialSuccess,
  ExportLogsServiceRequest,
  ExportMetricsPartialSuccess,
  ExportMetricsServiceRequest,
  ExportTracePartialSuccess,
  ExportTraceServiceRequest,
} from './types.js';

export type OtlpEncoding = 'protobuf' | 'json';

/** The int64 counter of each signal's ExportXPartialSuccess. */
const REJECTED_FIELD = {
  trace: 'rejectedSpans',
  logs: 'rejectedLogRecords',
  metrics: 'rejectedDataPoints',
} as const satisfies Record<OtlpSignal, string>;

type PartialSuccessOf<S extends OtlpSignal> = Record<(typeof REJECTED_FIELD)[S], number> & { errorMessage: string };

export function decodeTraceRequest(body: Buffer, encoding: OtlpEncoding): ExportTraceServiceRequest {
  return decodeRequest('trace', body, encoding) as ExportTraceServiceRequest;
}

export function decodeLogsRequest(body: Buffer, encoding: OtlpEncoding): ExportLogsServiceRequest {
  return decodeRequest('logs', body, encoding) as ExportLogsServiceRequest;
}

export function decodeMetricsRequest(body: Buffer, encoding: OtlpEncoding): ExportMetricsServiceRequest {
  return decodeRequest('metrics', body, encoding) as ExportMetricsServiceRequest;
}

export function encodeTraceResponse(
  partialSuccess: ExportTracePartialSuccess | undefined,
  encoding: OtlpEncoding,
): Buffer {
  return encodeResponse('trace', partialSuccess, encoding);
}

export function encodeLogsResponse(partialSuccess: ExportLogsPartialSuccess | undefined, encoding: OtlpEncoding): Buffer {
  return encodeResponse('logs', partialSuccess, encoding);
}

export function encodeMetricsResponse(
  partialSuccess: ExportMetricsPartialSuccess | undefined,
  encoding: OtlpEncoding,
): Buffer {
  return encodeResponse('metrics', partialSuccess, encoding);
}

function decodeRequest(signal: OtlpSignal, body: Buffer, encoding: OtlpEncoding): Record<string, unknown> {
  const type = signalTypes(signal).request;
  const plan = messagePlan(type);
  if (encoding === 'protobuf') {
    let message: unknown;
    try {
      message = type.decode(body);
    } catch (err) {
      throw invalid(`invalid protobuf ${type.name}: ${messageOf(err)}`, err);
    }
    return normalizeDecoded(message as Record<string, unknown>, plan);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw invalid(`invalid JSON in ${type.name}: ${messageOf(err)}`, err);
  }
  try {
    return normalizeJson(parsed, plan);
  } catch (err) {
    if (err instanceof JsonShapeError) {
      const where = err.path.length > 0 ? `${formatPath(err.path)}: ` : '';
      throw invalid(`invalid OTLP/JSON ${type.name}: ${where}${err.message}`, err);
    }
    // Only pathological nesting (AnyValue inside AnyValue…) exhausts the stack.
    if (err instanceof RangeError) throw invalid(`invalid OTLP/JSON ${type.name}: nested too deeply`, err);
    throw err;
  }
}

function encodeResponse<S extends OtlpSignal>(
  signal: S,
  partialSuccess: PartialSuccessOf<S> | undefined,
  encoding: OtlpEncoding,
): Buffer {
  if (encoding === 'json') {
    if (partialSuccess === undefined) return Buffer.from('{}');
    const field = REJECTED_FIELD[signal];
    // int64 is a JSON string in the protobuf JSON mapping.
    const body = {
      partialSuccess: {
        [field]: String((partialSuccess as Record<string, unknown>)[field]),
        errorMessage: partialSuccess.errorMessage,
      },
    };
    return Buffer.from(JSON.stringify(body));
  }
  const type = signalTypes(signal).response;
  const bytes = type.encode(partialSuccess === undefined ? {} : { partialSuccess }).finish();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A protobuf ExportXServiceResponse back to its partial success (the gRPC client side of our definitions). */
export function decodePartialSuccess<S extends OtlpSignal>(signal: S, bytes: Buffer): PartialSuccessOf<S> | undefined {
  const decoded = signalTypes(signal).response.decode(bytes) as unknown as {
    partialSuccess?: Record<string, unknown> | null;
  };
  const partial = decoded.partialSuccess;
  if (partial == null) return undefined;
  const field = REJECTED_FIELD[signal];
  return {
    [field]: Number(int64ToString(partial[field] as LongLike, false)),
    errorMessage: partial['errorMessage'] as string,
  } as PartialSuccessOf<S>;
}

function invalid(message: string, cause: unknown): CollectorError {
  return new CollectorError('invalid_argument', message, { cause });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
