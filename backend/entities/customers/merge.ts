import { and, eq, isNull } from 'drizzle-orm';
import { type AuditContext, withChange } from '../../audit/context';
import { updateEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import { conversations } from '../../db/schema';
import { relinkChildren } from '../conversations/children';
import { conversationEntity } from '../conversations/definition';
import { assertDistinct, retireMerged } from '../merge';
import { customerEntity } from './definition';

// Putting one row of a merge back alone would half-undo it (a conversation
// pointing at the retired customer): as `merge` events, none can be restored.
const AS_MERGE = { event: 'merge' } as const;

/**
 * Merges customer `sourceId` into `targetId` as one change: the survivor keeps
 * every way of reaching the customer (emails, phones) and their tags, takes
 * over their conversations (with their messages, surveys and recordings), and
 * both sides record the merge.
 *
 * Every row the merge writes is a `merge` event, never an `update`.
 */
export async function mergeCustomer(tx: Tx, ctx: AuditContext, sourceId: string, targetId: string) {
  assertDistinct(sourceId, targetId);
  const change = withChange(ctx);
  const { source, target } = await retireMerged(tx, change, customerEntity, sourceId, targetId);
  const { row } = await updateEntity(tx, change, customerEntity, targetId, {
    emails: union(target.emails, source.emails),
    phones: union(target.phones, source.phones),
    tags: union(target.tags, source.tags),
  }, AS_MERGE);
  const moved = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.orgId, ctx.orgId), eq(conversations.customerId, sourceId), isNull(conversations.deletedAt)));
  for (const { id } of moved) {
    await updateEntity(tx, change, conversationEntity, id, { customerId: targetId }, AS_MERGE);
    await relinkChildren(tx, change, id, { customerId: targetId });
  }
  return row;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
