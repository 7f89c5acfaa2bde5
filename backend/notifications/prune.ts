import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { inArray, lt, sql } from 'drizzle-orm';
import { notifications, watchMatches } from '../db/schema';
import { runSql, type Tx } from '../db/sql';
import type { AppDeps } from '../deps';
import type { Logger } from '../logger';
import { periodicJob, type PeriodicJob } from '../schedule/every';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Stream entries are kept this long: a client away longer starts again from the list. */
export const FEED_KEEP_DAYS = 7;
/** Notifications (and the matches naming their events) are kept this long after their last change. */
export const NOTIFICATIONS_KEEP_DAYS = 90;
/** Rows per write transaction: small enough that a batch never holds writers up noticeably. */
const BATCH = 500;
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export type PruneDeps = Pick<AppDeps, 'db' | 'writes' | 'now'>;

export interface PruneReport {
  feedEntries: number;
  notifications: number;
  matches: number;
}

/**
 * Deletes stream entries older than `FEED_KEEP_DAYS`, and notifications not
 * changed for `NOTIFICATIONS_KEEP_DAYS` with the matches that name their
 * events, plus matches as old that never made a notification (a threshold's
 * counted matches: its window is at most a day). Running it again deletes
 * nothing more, so several processes may each run it.
 */
export async function pruneNotifications(deps: PruneDeps): Promise<PruneReport> {
  const now = deps.now().getTime();
  const feedCutoff = now - FEED_KEEP_DAYS * DAY_MS;
  const cutoff = now - NOTIFICATIONS_KEEP_DAYS * DAY_MS;
  const report: PruneReport = { feedEntries: 0, notifications: 0, matches: 0 };

  const boundary = await feedBoundary(deps, feedCutoff);
  report.feedEntries = await inBatches(deps, (tx) => deleteFeedBefore(tx, boundary));
  await inBatches(deps, async (tx) => {
    const { notifications, matches } = await deleteOldNotifications(tx, cutoff);
    report.notifications += notifications;
    report.matches += matches;
    return notifications;
  });
  report.matches += await inBatches(deps, (tx) => deleteUnnamedMatches(tx, cutoff));
  return report;
}

/** Runs `batch` in write transactions until one deletes less than a full batch. */
async function inBatches(deps: PruneDeps, batch: (tx: Tx) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deps.writes.run(batch);
    total += deleted;
    if (deleted < BATCH) return total;
    // Let queued requests and their writes run between batches.
    await yieldToOthers();
  }
}

/**
 * The first seq to keep: the oldest entry written at or after the cutoff.
 * Entries are appended in seq order with the time of their commit, so the
 * scan from the oldest stops at the first one young enough (created_at has
 * no index of its own), and everything before it is old.
 */
async function feedBoundary(deps: PruneDeps, cutoff: number): Promise<number> {
  const [row] = await runSql(
    deps.db.reader,
    sql`select coalesce(
          (select seq from notification_feed where created_at >= ${cutoff} order by seq limit 1),
          (select max(seq) + 1 from notification_feed),
          0) as seq`,
  );
  return Number(row?.seq ?? 0);
}

async function deleteFeedBefore(tx: Tx, boundary: number): Promise<number> {
  const result = await tx.run(
    sql`delete from notification_feed where seq in (select seq from notification_feed where seq < ${boundary} order by seq limit ${BATCH})`,
  );
  return result.rowsAffected;
}

async function deleteOldNotifications(tx: Tx, cutoff: number): Promise<{ notifications: number; matches: number }> {
  // updated_at has no index: one scan of the table per run, which is hourly.
  const rows = await tx.select({ id: notifications.id }).from(notifications).where(lt(notifications.updatedAt, cutoff)).limit(BATCH);
  if (rows.length === 0) return { notifications: 0, matches: 0 };
  const ids = rows.map((row) => row.id);
  const matches = await tx.delete(watchMatches).where(inArray(watchMatches.notificationId, ids));
  const deleted = await tx.delete(notifications).where(inArray(notifications.id, ids));
  return { notifications: deleted.rowsAffected, matches: matches.rowsAffected };
}

async function deleteUnnamedMatches(tx: Tx, cutoff: number): Promise<number> {
  const result = await tx.run(
    sql`delete from watch_matches where rowid in (select rowid from watch_matches where notification_id is null and occurred_at < ${cutoff} limit ${BATCH})`,
  );
  return result.rowsAffected;
}

/**
 * Prunes once an hour across the processes sharing the
 * database (it holds the lease; a second run would delete nothing more).
 */
export function notificationPruneJob(deps: PruneDeps & { log: Logger }, options: { intervalMs?: number } = {}): PeriodicJob {
  return periodicJob(deps, {
    name: 'notification-prune',
    intervalMs: options.intervalMs ?? PRUNE_INTERVAL_MS,
    run: async () => {
      const report = await pruneNotifications(deps);
      if (report.feedEntries + report.notifications + report.matches > 0) deps.log.info('notifications pruned', { ...report });
    },
  });
}
