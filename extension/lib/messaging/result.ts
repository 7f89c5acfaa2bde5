import { ApiClientError } from '../../../shared/api-client';
import type { Result, ResultError } from './protocol';

/** A successful answer. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed answer with one of the codes ResultError lists. */
export function fail<T = never>(code: string, message: string, details?: unknown): Result<T> {
  const error: ResultError = details === undefined ? { code, message } : { code, message, details };
  return { ok: false, error };
}

/**
 * The answer for something thrown while serving a request: the backend's
 * error as it came, anything else as `internal` (its text stays in the
 * background's console, not in the page).
 */
export function failureOf<T = never>(error: unknown): Result<T> {
  if (error instanceof ApiClientError) return { ok: false, error: error.toJSON() };
  console.error('[auditdesk] request failed', error);
  return fail('internal', 'Something went wrong in the Auditdesk extension.');
}
