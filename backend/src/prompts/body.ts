import type { Context } from 'koa';
import { ApiError } from '../errors.js';

/** Prompts are small documents; this bounds what one request can make the server buffer. */
export const MAX_PROMPT_BODY_BYTES = 4 * 1024 * 1024;

/** Reads and parses a JSON request body (the backend has no global body parser). */
export async function readJsonBody(ctx: Context, limit = MAX_PROMPT_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError('payload_too_large', `request body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError('invalid_request', 'Invalid request data', 'request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_request', 'Invalid request data', 'request body is not valid JSON');
  }
}
