import { gunzipSync } from 'node:zlib';
import type { Context } from 'koa';
import { ApiError } from '../errors.js';

/** Langfuse's body limit for its JSON routes (Next.js `sizeLimit: "4.5mb"`). */
export const MAX_JSON_BODY_BYTES = 4.5 * 1024 * 1024;

/**
 * The request's JSON body. The app has no global body parser; when one is added later its parsed
 * body is used instead of reading the (then consumed) stream.
 */
export async function readJsonBody(ctx: Context, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const parsed = (ctx.request as { body?: unknown }).body;
  if (parsed !== undefined) return parsed;
  const declared = Number(ctx.get('content-length'));
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  let raw = Buffer.concat(chunks);
  if (ctx.get('content-encoding').toLowerCase() === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch {
      throw new ApiError('invalid_request', 'Request body is not valid gzip or is too large');
    }
  }
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError('invalid_request', 'Request body is not valid JSON');
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `Request body exceeds ${maxBytes} bytes`);
}
