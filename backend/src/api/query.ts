import type { z } from 'zod';
import { ApiError } from '../errors.js';

/**
 * Validates a route's query string or body with its zod schema. Failures answer 400 with Langfuse's
 * `{ message: "Invalid request data", error: issues }`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError('invalid_request', 'Invalid request data', result.error.issues);
  return result.data;
}
