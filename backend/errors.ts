/** The statuses the API answers failures with (client errors, and the server's own). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503;

/**
 * An expected failure with a stable code. `app.onError` turns it into
 * `{ error: { code, message, details? } }` with its status.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(message: string, details?: unknown) {
    return new ApiError(400, 'invalid_request', message, details);
  }
  static unauthenticated(message = 'Sign in to continue.') {
    return new ApiError(401, 'unauthenticated', message);
  }
  static forbidden(message = 'Your role does not allow this.') {
    return new ApiError(403, 'forbidden', message);
  }
  static notFound(what: string) {
    return new ApiError(404, 'not_found', `No such ${what.replaceAll('_', ' ')}.`);
  }
  static conflict(message: string, details?: unknown) {
    return new ApiError(409, 'conflict', message, details);
  }
}
