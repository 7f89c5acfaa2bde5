import { holderOf, openCursor, signCursor } from '../query/cursor';
import type { Principal } from '../../auth/principal';
import type { CheckpointRow } from './queries';

/*
 * Page cursors of the checkpoint list, signed like the log's (see
 * backend/audit/query/cursor.ts): a cursor carries the signing time and id
 * of the last checkpoint of its page and the caller it was given to, so a
 * tampered cursor, another caller's or one of another list answers 400.
 */

const SCOPE = 'checkpoints';

export function signCheckpointCursor(key: Buffer, last: CheckpointRow, principal: Principal): string {
  return signCursor(key, { occurredAt: last.signedAt, id: last.id }, SCOPE, holderOf(principal));
}

/** The signing time the next page starts below; 400 for a cursor that is not this list's. */
export function openCheckpointCursor(key: Buffer, cursor: string, principal: Principal): number {
  return openCursor(key, cursor, SCOPE, holderOf(principal)).occurredAt;
}
