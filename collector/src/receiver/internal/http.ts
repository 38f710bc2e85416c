import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { authenticate } from '../../auth/authenticate.js';
import type { ApiKeyVerifier } from '../../auth/types.js';
import { CollectorError, grpcStatusOf, httpStatusOf, toCollectorError } from '../../errors.js';
import type { OtlpEncoding } from '../../otlp/index.js';
import type { ExportDeps, InflightLimiter } from './export.js';
import type { OtlpSignal } from './signals.js';
import { encodeStatus } from './status.js';

const gunzipAsync = promisify(gunzip);

export interface HttpExportDeps extends ExportDeps {
  keys: ApiKeyVerifier;
  limiter: InflightLimiter;
  maxBodyBytes: number;
}

/** `POST …/v1/{traces,logs,metrics}`: content type → body → auth → decode → export → response, each a small step. */
export function otlpHttpHandler<P>(signal: OtlpSignal<P>, deps: HttpExportDeps): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    let encoding: OtlpEncoding = 'json';
    try {
      encoding = readContentType(ctx);
      const body = await readBody(ctx, deps.maxBodyBytes);
      const project = await authenticate(ctx.get('authorization') || undefined, deps.keys);
      const partial = await deps.limiter.run(() => signal.handle(body, encoding, project, deps));
      writeResponse(ctx, 200, encoding, signal.encodeResponse(partial, encoding));
    } catch (err) {
      const error = toCollectorError(err);
      if (error.code === 'internal') deps.logger.error('otlp/http export failed', { path: signal.path, err });
      const status = httpStatusOf(error.code);
      // Throttling and outages are retryable: tell OTLP clients when to come back.
      if (status === 429 || status === 503) ctx.set('Retry-After', '1');
      writeResponse(ctx, status, encoding, encodeStatusFor(error, encoding));
    }
  };
}

function readContentType(ctx: Context): OtlpEncoding {
  const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  throw new CollectorError(
    'unsupported_media_type',
    `unsupported content type '${type || '(none)'}': use application/x-protobuf or application/json`,
  );
}

async function readBody(ctx: Context, limit: number): Promise<Buffer> {
  const contentEncoding = ctx.get('content-encoding').trim().toLowerCase();
  if (contentEncoding !== '' && contentEncoding !== 'identity' && contentEncoding !== 'gzip') {
    throw new CollectorError('unsupported_media_type', `unsupported content encoding '${contentEncoding}': use gzip or none`);
  }
  let raw: Buffer;
  try {
    raw = await getRawBody(ctx.req, { limit });
  } catch (err) {
    const e = err as { type?: string };
    if (e.type === 'entity.too.large') throw tooLarge(limit);
    throw new CollectorError('invalid_argument', 'could not read the request body', { cause: err });
  }
  if (contentEncoding !== 'gzip') return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new CollectorError('invalid_argument', 'request body is not valid gzip', { cause: err });
  }
}

const tooLarge = (limit: number): CollectorError =>
  new CollectorError('payload_too_large', `request body exceeds the limit of ${limit} bytes`);

function writeResponse(ctx: Context, status: number, encoding: OtlpEncoding, body: Buffer): void {
  ctx.status = status;
  ctx.type = encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  ctx.body = body;
}

function encodeStatusFor(error: CollectorError, encoding: OtlpEncoding): Buffer {
  return encodeStatus(grpcStatusOf(error.code), error.message, encoding);
}
