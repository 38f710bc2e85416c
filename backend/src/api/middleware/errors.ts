import type { Middleware } from 'koa';
import { ApiError } from '../../errors.js';
import type { Logger } from '@spanlight/collector';

/** Maps every thrown error to Langfuse's `{ message, error }` body; the one place statuses are decided. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new ApiError('not_found', `route not found: ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.code === 'internal') logger.error('request failed', { path: ctx.path, err });
      ctx.status = apiError.status;
      ctx.body = { message: apiError.message, error: apiError.detail ?? apiError.errorName };
    }
  };
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Koa and its body parsers throw http-errors with an `expose`d status for client mistakes.
  const e = err as { status?: number; expose?: boolean; message?: string };
  if (typeof e?.status === 'number' && e.expose) {
    if (e.status === 413) return new ApiError('payload_too_large', e.message ?? 'payload too large');
    if (e.status === 405) return new ApiError('method_not_allowed', e.message ?? 'method not allowed');
    return new ApiError('invalid_request', e.message ?? 'invalid request');
  }
  return new ApiError('internal', 'Internal Server Error');
}
