import { and, asc, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { notifications, watchMatches, watchStates } from '../../db/schema';
import type { Tx } from '../../db/sql';
import type { WrittenEvent } from './event';

/*
 * The matcher's own rows: which events each watch matched (once each: the
 * primary key), and each threshold's counting state.
 */

/** Records that `watchId` matched these events, naming the notification they are in (null while a threshold counts). */
export async function recordMatches(tx: Tx, watchId: string, events: readonly WrittenEvent[], notificationId: string | null): Promise<void> {
  await tx
    .insert(watchMatches)
    .values(events.map((e) => ({ watchId, eventId: e.id, orgId: e.orgId, occurredAt: e.occurredAt, actorId: e.actorId, notificationId })))
    .onConflictDoNothing();
}

/** The newest notification of a watch: the one a burst may grow. */
export async function latestNotification(tx: Tx, watchId: string): Promise<{ id: string; firstAt: number; count: number } | undefined> {
  const [latest] = await tx
    .select({ id: notifications.id, firstAt: notifications.firstAt, count: notifications.count })
    .from(notifications)
    .where(eq(notifications.watchId, watchId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(1);
  return latest;
}

/** A threshold's counting group: the whole watch (''), or one actor (rows without an actor id count together). */
export type ThresholdGroup = { key: string; actorId: string | null; perActor: boolean };

export type ThresholdState = typeof watchStates.$inferSelect;

export async function readThresholdState(tx: Tx, watchId: string, group: ThresholdGroup): Promise<ThresholdState | undefined> {
  const [state] = await tx
    .select()
    .from(watchStates)
    .where(and(eq(watchStates.watchId, watchId), eq(watchStates.groupKey, group.key)));
  return state;
}

export async function writeThresholdState(tx: Tx, state: ThresholdState): Promise<void> {
  await tx
    .insert(watchStates)
    .values(state)
    .onConflictDoUpdate({
      target: [watchStates.watchId, watchStates.groupKey],
      set: { armedSince: state.armedSince, firedAt: state.firedAt, lastMatchAt: state.lastMatchAt },
    });
}

function inWindow(watchId: string, group: ThresholdGroup, from: number, to: number): SQL {
  const actor = !group.perActor
    ? sql`1`
    : group.actorId === null
      ? isNull(watchMatches.actorId)
      : eq(watchMatches.actorId, group.actorId);
  return and(eq(watchMatches.watchId, watchId), gte(watchMatches.occurredAt, from), lte(watchMatches.occurredAt, to), actor)!;
}

/** The group's matches from `from` to `to` (both inclusive), oldest first. */
export function matchesInWindow(
  tx: Tx,
  watchId: string,
  group: ThresholdGroup,
  from: number,
  to: number,
): Promise<Array<{ id: string; occurredAt: number }>> {
  return tx
    .select({ id: watchMatches.eventId, occurredAt: watchMatches.occurredAt })
    .from(watchMatches)
    .where(inWindow(watchId, group, from, to))
    .orderBy(asc(watchMatches.occurredAt), asc(watchMatches.eventId));
}

/** Names the notification a threshold raised on the matches that reached it. */
export async function assignWindow(tx: Tx, watchId: string, group: ThresholdGroup, from: number, to: number, notificationId: string): Promise<void> {
  await tx.update(watchMatches).set({ notificationId }).where(and(inWindow(watchId, group, from, to), isNull(watchMatches.notificationId)));
}
