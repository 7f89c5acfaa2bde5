import { type AuditContext, withChange } from '../../audit/context';
import { getEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import { assertDistinct, retireMerged } from '../merge';
import { relinkChildren } from './children';
import { conversationEntity } from './definition';

/**
 * Merges conversation `sourceId` into `targetId` as one change: its messages,
 * surveys and recordings move to the target (each move recorded as a `merge`
 * row of the child), and both sides record the merge with the other's name.
 */
export async function mergeConversation(tx: Tx, ctx: AuditContext, sourceId: string, targetId: string) {
  assertDistinct(sourceId, targetId);
  const change = withChange(ctx);
  const target = await getEntity(tx, ctx.orgId, conversationEntity, targetId);
  await getEntity(tx, ctx.orgId, conversationEntity, sourceId);
  await relinkChildren(tx, change, sourceId, { conversationId: targetId, customerId: target.customerId });
  await retireMerged(tx, change, conversationEntity, sourceId, targetId);
  return getEntity(tx, ctx.orgId, conversationEntity, targetId);
}
