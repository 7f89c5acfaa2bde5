import { and, count, eq, isNull } from 'drizzle-orm';
import type { AuditContext } from '../../audit/context';
import { createEntity, deleteEntity, type EntityPatch, updateEntity } from '../../audit/engine';
import { watches, type WatchThresholdColumn } from '../../db/schema';
import type { Tx } from '../../db/sql';
import { ApiError } from '../../errors';
import type { WatchRow, WatchTarget } from './columns';
import { watchEntity } from './definition';
import { bumpWatchGeneration } from './generation';
import { getOwnWatch, type Watcher } from './own';

/** How many watches one person keeps. */
export const MAX_WATCHES_PER_PERSON = 100;

/** A new watch, its name and target settled by the router. */
export interface NewWatch {
  name: string;
  target: WatchTarget;
  threshold: WatchThresholdColumn | null;
  includeOwn: boolean;
  paused: boolean;
}

/*
 * Every change to a watch goes through the audit engine (settings /
 * notifications) and marks the workspace's watches changed in the same
 * transaction, after the change's own audit rows: those are matched against
 * the watches as they were.
 */

export async function createWatch(tx: Tx, ctx: AuditContext, watcher: Watcher, watch: NewWatch): Promise<WatchRow> {
  const [held] = await tx
    .select({ n: count() })
    .from(watches)
    .where(and(eq(watches.orgId, watcher.orgId), eq(watches.ownerId, watcher.userId), isNull(watches.deletedAt)));
  if ((held?.n ?? 0) >= MAX_WATCHES_PER_PERSON) {
    throw ApiError.conflict(`You have ${MAX_WATCHES_PER_PERSON} watches; delete one to add another.`);
  }
  const row = await createEntity(tx, ctx, watchEntity, {
    ownerId: watcher.userId,
    name: watch.name,
    ...watch.target,
    threshold: watch.threshold,
    includeOwn: watch.includeOwn,
    paused: watch.paused,
  });
  await bumpWatchGeneration(tx, watcher.orgId);
  return row;
}

export async function patchWatch(tx: Tx, ctx: AuditContext, watcher: Watcher, id: string, patch: EntityPatch<typeof watches>): Promise<WatchRow> {
  await getOwnWatch(tx, watcher, id);
  const { row, changes } = await updateEntity(tx, ctx, watchEntity, id, patch);
  if (changes.length > 0) await bumpWatchGeneration(tx, watcher.orgId);
  return row;
}

export async function deleteWatch(tx: Tx, ctx: AuditContext, watcher: Watcher, id: string): Promise<void> {
  await getOwnWatch(tx, watcher, id);
  await deleteEntity(tx, ctx, watchEntity, id);
  await bumpWatchGeneration(tx, watcher.orgId);
}
