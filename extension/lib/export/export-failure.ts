import * as v from 'valibot';
import { ErrorBody } from '../../../shared/api-client-responses';

/** What went wrong, in a sentence a person can act on. */
export class ExportFailure extends Error {
  override readonly name = 'ExportFailure';
}

export const NOT_SIGNED_IN = 'Sign in to Auditdesk from its toolbar button to export the log.';
const SESSION_ENDED = 'Your Auditdesk session has ended. Sign in again from the toolbar button, then export.';

/** The refusal of `/audit/export` as a sentence: the backend's own message, or what its status means. */
export async function refusalOf(response: Response): Promise<ExportFailure> {
  if (response.status === 401) return new ExportFailure(SESSION_ENDED);
  const body: unknown = await response.json().catch(() => undefined);
  if (v.is(ErrorBody, body)) return new ExportFailure(`The export was refused: ${body.error.message}`);
  return new ExportFailure(`The export was refused: the backend answered ${response.status}.`);
}

export function unreachable(backendUrl: string): ExportFailure {
  return new ExportFailure(`Auditdesk could not reach the backend at ${backendUrl}. Check the connection and try again.`);
}

/** A download cut off midway: nothing is saved, since a file missing its end would pass for the whole log. */
export function interrupted(rows: number): ExportFailure {
  const written = rows === 1 ? '1 row' : `${rows.toLocaleString('en-US')} rows`;
  return new ExportFailure(`The export stopped after ${written}: the connection to the backend was lost. Nothing was saved; try again.`);
}
