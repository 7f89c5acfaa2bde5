import type { ResultError } from '../messaging/protocol';

/** How a failed request is shown: sign in, wait for the network, or an error to retry. */
export type Failure = 'signed_out' | 'offline' | 'error';

const SIGNED_OUT_CODES = new Set(['unauthenticated', 'signed_out', 'session_expired', 'invalid_token']);

/** Sorts a background error into what the agent can do about it. */
export function classifyFailure(error: ResultError): Failure {
  if (SIGNED_OUT_CODES.has(error.code)) return 'signed_out';
  if (error.code === 'offline') return 'offline';
  return 'error';
}

/** A thrown error (the background gone, the extension reloaded) as a ResultError. */
export function thrownError(cause: unknown): ResultError {
  return { code: 'internal', message: cause instanceof Error ? cause.message : 'The extension could not answer.' };
}
