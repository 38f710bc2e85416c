import type { Context } from 'koa';
import { ApiError } from '../errors.js';

const MAX_BODY_BYTES = 4.5 * 1024 * 1024;

/** Reads a JSON request body (Langfuse's limit: 4.5 MB); a malformed one is a 400, an oversized one a 413. */
export async function readJsonBody(ctx: Context, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError('payload_too_large', `request body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError('invalid_request', 'Invalid request data: expected a JSON body');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', 'Invalid request data: the body is not valid JSON');
  }
}
