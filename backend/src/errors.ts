/**
 * Errors of the backend with a stable code. They are mapped to HTTP in one place
 * (api/middleware/errors.ts); the response body is Langfuse's `{ message, error }`.
 */
export type ApiErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ApiErrorCode, { status: number; error: string }> = {
  invalid_request: { status: 400, error: 'InvalidRequestError' },
  unauthorized: { status: 401, error: 'UnauthorizedError' },
  forbidden: { status: 403, error: 'ForbiddenError' },
  not_found: { status: 404, error: 'LangfuseNotFoundError' },
  method_not_allowed: { status: 405, error: 'MethodNotAllowedError' },
  conflict: { status: 409, error: 'LangfuseConflictError' },
  payload_too_large: { status: 413, error: 'PayloadTooLargeError' },
  unavailable: { status: 503, error: 'ServiceUnavailableError' },
  internal: { status: 500, error: 'InternalServerError' },
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extra detail for the `error` field (e.g. zod issues); defaults to the code's error name. */
    readonly detail?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code].status;
  }

  get errorName(): string {
    return STATUS[this.code].error;
  }
}

export const notFound = (what: string): ApiError => new ApiError('not_found', `${what} not found`);
