import { and, count, desc, eq, inArray, isNull, lt, max, type SQL, sql } from 'drizzle-orm';
import { notificationFeed, notifications, watches, type WatchThresholdColumn } from '../db/schema';
import { type Reader, runSqlArrays, type Tx } from '../db/sql';
import type { NotificationOwner } from './owner';

type NotificationRow = typeof notifications.$inferSelect;

/** A notification with what its presentation needs of its watch (null if the watch row is gone). */
export type OwnNotification = NotificationRow & {
  watch: { name: string; threshold: WatchThresholdColumn | null; subjectType: string | null } | null;
};

/** The owner's notifications where `condition` holds, newest first. */
async function selectOwn(db: Reader | Tx, owner: NotificationOwner, condition: SQL | undefined, limit?: number): Promise<OwnNotification[]> {
  const query = db
    .select({ notification: notifications, watchName: watches.name, watchThreshold: watches.threshold, watchSubjectType: watches.subjectType })
    .from(notifications)
    .leftJoin(watches, eq(watches.id, notifications.watchId))
    .where(and(eq(notifications.userId, owner.userId), eq(notifications.orgId, owner.orgId), condition))
    .orderBy(desc(notifications.id))
    .$dynamic();
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(({ notification, watchName, watchThreshold, watchSubjectType }) => ({
    ...notification,
    watch: watchName === null ? null : { name: watchName, threshold: watchThreshold, subjectType: watchSubjectType },
  }));
}

/** One page of the owner's notifications, newest first: those older than `beforeId`, only unread ones if asked. */
export function listOwn(
  db: Reader | Tx,
  owner: NotificationOwner,
  page: { beforeId: string | undefined; unread: boolean; limit: number },
): Promise<OwnNotification[]> {
  return selectOwn(
    db,
    owner,
    and(page.beforeId === undefined ? undefined : lt(notifications.id, page.beforeId), page.unread ? isNull(notifications.readAt) : undefined),
    page.limit,
  );
}

/** One of the owner's notifications; undefined for an id that is not theirs. */
export async function getOwn(db: Reader | Tx, owner: NotificationOwner, id: string): Promise<OwnNotification | undefined> {
  const [row] = await selectOwn(db, owner, eq(notifications.id, id));
  return row;
}

/** Those of `ids` that are the owner's. */
export function getOwnMany(db: Reader | Tx, owner: NotificationOwner, ids: readonly string[]): Promise<OwnNotification[]> {
  return ids.length === 0 ? Promise.resolve([]) : selectOwn(db, owner, inArray(notifications.id, [...ids]));
}

export async function unreadCountOf(db: Reader | Tx, owner: NotificationOwner): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, owner.userId), eq(notifications.orgId, owner.orgId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The owner's newest feed seq (0 if none): a stream started from it sends everything after this moment. */
export async function positionOf(db: Reader | Tx, owner: NotificationOwner): Promise<number> {
  const [row] = await db
    .select({ seq: max(notificationFeed.seq) })
    .from(notificationFeed)
    .where(eq(notificationFeed.userId, owner.userId));
  return row?.seq ?? 0;
}

/**
 * The newest feed seq of each of `userIds` that has any: one probe of the
 * (user, seq) index per person, however long their feed.
 */
export async function feedHeadsOf(db: Reader | Tx, userIds: string[]): Promise<Map<string, number>> {
  const rows = await runSqlArrays(
    db,
    sql`select ids.value, (select max(${notificationFeed.seq}) from ${notificationFeed} where ${notificationFeed.userId} = ids.value)
        from json_each(${JSON.stringify(userIds)}) as ids`,
  );
  const heads = new Map<string, number>();
  for (const [userId, seq] of rows) if (seq !== null) heads.set(String(userId), Number(seq));
  return heads;
}

/** The newest seq of the whole feed (0 if empty): one probe of the primary key. */
export async function feedHead(db: Reader | Tx): Promise<number> {
  const [row] = await db.select({ seq: max(notificationFeed.seq) }).from(notificationFeed);
  return row?.seq ?? 0;
}
