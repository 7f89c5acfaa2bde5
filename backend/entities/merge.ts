import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditContext } from '../audit/context';
import type { EntityDefinition } from '../audit/definition';
import { appendAudit, draftFor, getEntity, updateEntity } from '../audit/engine';
import type { Tx } from '../db/sql';
import { ApiError } from '../errors';

/**
 * Retires `sourceId` into `targetId` and records the merge on both sides with
 * the other side's name. The caller moves children first, with the same
 * change id, so the whole merge reads as one change.
 */
export async function retireMerged<T extends SQLiteTable>(
  tx: Tx,
  ctx: AuditContext,
  def: EntityDefinition<T>,
  sourceId: string,
  targetId: string,
) {
  const source = await getEntity(tx, ctx.orgId, def, sourceId);
  const target = await getEntity(tx, ctx.orgId, def, targetId);
  const sourceRef = { id: sourceId, label: def.label(source) };
  const targetRef = { id: targetId, label: def.label(target) };
  await updateEntity(tx, ctx, def, sourceId, {}, {
    // The merge rows below say what happened; these columns only follow from it.
    system: { mergedIntoId: targetId, deletedAt: ctx.now() } as Partial<T['$inferSelect']>,
  });
  await appendAudit(tx, ctx, [
    draftFor(def, source, {}, { event: 'merge', property: 'mergedInto', before: null, after: targetRef }),
    draftFor(def, target, {}, { event: 'merge', property: 'mergedFrom', before: null, after: sourceRef }),
  ]);
  return { source, target };
}

export function assertDistinct(sourceId: string, targetId: string) {
  if (sourceId === targetId) throw ApiError.badRequest('An object cannot be merged into itself.');
}
