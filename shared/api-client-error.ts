/**
 * A failed call to the backend, with the backend's own error code
 * (`invalid_credentials`, `unauthenticated`, `forbidden`, `not_found`,
 * `conflict`, `rate_limited`, …) or one of the client's:
 * - `offline` (status 0): the backend could not be reached;
 * - `invalid_response`: it answered with something that is not the API's shape.
 */
export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** True when the backend no longer accepts the session (the caller should sign out). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }

  /** A plain `{ code, message, details? }` that survives structured cloning (extension messages). */
  toJSON(): { code: string; message: string; details?: unknown } {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/** The backend could not be reached at all (DNS, refused connection, CORS, no network). */
export function offlineError(baseUrl: string): ApiClientError {
  return new ApiClientError(0, 'offline', `Auditdesk could not reach the backend at ${baseUrl}.`);
}
