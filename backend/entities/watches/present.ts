import { inArray, max } from 'drizzle-orm';
import type { Watch } from '../../../shared/api-client-responses';
import { auditCategoriesOf } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { conversations, customers, notifications } from '../../db/schema';
import type { Reader, Tx } from '../../db/sql';
import { readableFilter } from '../saved-views/readable-filter';
import type { WatchRow } from './columns';

/**
 * Watches as their owner gets them: the subject's current name (a deleted
 * subject keeps its last one), the threshold with its quiet period, when it
 * last notified, and whether the owner's role now reads less than the
 * filter names (`narrowed`: categories the filter asks for that the role no
 * longer reads; a filter naming no category is the role's part of the log,
 * as GET /audit reads it, and is not narrowed).
 */
export async function presentWatches(db: Reader | Tx, principal: Principal, rows: readonly WatchRow[]): Promise<Watch[]> {
  if (rows.length === 0) return [];
  const labels = await subjectLabels(db, rows);
  const notified = await lastNotified(db, rows.map((row) => row.id));
  const readable = auditCategoriesOf(principal);
  return rows.map((row) => {
    const key = `${row.subjectType}:${row.subjectId}`;
    return {
      id: row.id,
      name: row.name,
      kind: row.threshold ? 'threshold' : row.subjectType ? 'subject' : 'filter',
      subject:
        row.subjectType && row.subjectId
          ? {
              type: row.subjectType,
              id: row.subjectId,
              label: labels.get(key) ?? '',
              property: row.property,
              ...(row.value === null ? {} : { value: JSON.parse(row.value) as unknown }),
            }
          : null,
      filter: row.filter,
      threshold: row.threshold,
      includeOwn: row.includeOwn,
      paused: row.paused,
      narrowed: row.filter !== null && readableFilter(row.filter, readable).filter !== row.filter,
      lastNotifiedAt: notified.has(row.id) ? new Date(notified.get(row.id)!).toISOString() : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

async function subjectLabels(db: Reader | Tx, rows: readonly WatchRow[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const [type, table] of [
    ['customer', customers],
    ['conversation', conversations],
  ] as const) {
    const ids = [...new Set(rows.filter((row) => row.subjectType === type).map((row) => row.subjectId!))];
    if (ids.length === 0) continue;
    const found = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
    for (const { id, name } of found) labels.set(`${type}:${id}`, name);
  }
  return labels;
}

async function lastNotified(db: Reader | Tx, watchIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ watchId: notifications.watchId, at: max(notifications.updatedAt) })
    .from(notifications)
    .where(inArray(notifications.watchId, watchIds))
    .groupBy(notifications.watchId);
  return new Map(rows.filter((row) => row.at !== null).map((row) => [row.watchId, Number(row.at)]));
}
