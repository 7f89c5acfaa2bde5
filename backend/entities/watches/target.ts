import type { WatchPatchInput } from '../../../shared/schemas/watches';
import { getEntity } from '../../audit/engine';
import type { Reader } from '../../db/sql';
import { ApiError } from '../../errors';
import { conversationEntity } from '../conversations/definition';
import { customerEntity } from '../customers/definition';
import { type WatchRow, type WatchTarget, targetOf } from './columns';

const ONE_OR_THE_OTHER = 'A watch has either a subject or a filter.';

/** The name of the subject a watch is to follow, which must exist in the workspace (404 `customer` / `conversation`). */
export async function subjectLabelOf(db: Reader, orgId: string, type: 'customer' | 'conversation', id: string): Promise<string> {
  const row = type === 'customer' ? await getEntity(db, orgId, customerEntity, id) : await getEntity(db, orgId, conversationEntity, id);
  return row.name;
}

/**
 * What a watch follows after a PATCH: a new subject replaces a filter and
 * the other way round; setting the one it has to null without the other
 * would leave it following nothing (400). Null for "unchanged".
 */
export function patchedTarget(current: WatchRow, input: WatchPatchInput): WatchTarget | null {
  const { subject, filter } = input;
  if (subject === undefined && filter === undefined) return null;
  // An empty filter is the whole log: only null and absence mean "no filter".
  if (subject && typeof filter === 'string') throw ApiError.badRequest(ONE_OR_THE_OTHER, [{ path: 'subject', message: 'send either subject or filter' }]);
  if (subject) return targetOf({ subject });
  if (typeof filter === 'string') return targetOf({ filter });
  // Only nulls were sent: fine when they clear what the watch does not have.
  const clearsOwn = (subject === null && current.subjectType !== null) || (filter === null && current.filter !== null);
  if (clearsOwn) throw ApiError.badRequest(ONE_OR_THE_OTHER, [{ path: subject === null ? 'subject' : 'filter', message: 'would leave the watch following nothing' }]);
  return null;
}
