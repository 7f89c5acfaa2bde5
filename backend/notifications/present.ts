import { inArray, sql } from 'drizzle-orm';
import type { AppNotification } from '../../shared/api-client-responses';
import { watchMatches } from '../db/schema';
import { runSqlArrays, type Reader, type Tx } from '../db/sql';
import type { OwnNotification } from './queries';

/** How many of its events a notification names. */
export const NAMED_EVENTS = 50;

/** Notifications as the API answers them, each naming its first events (one query for all of them). */
export async function presentNotifications(db: Reader | Tx, rows: readonly OwnNotification[]): Promise<AppNotification[]> {
  const events = await namedEvents(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => presentNotification(row, events.get(row.id) ?? []));
}

function presentNotification(row: OwnNotification, eventIds: string[]): AppNotification {
  return {
    id: row.id,
    watch: { id: row.watchId, name: row.watch?.name ?? '', kind: watchKindOf(row.watch) },
    title: row.title,
    body: row.body,
    count: row.count,
    eventIds,
    firstAt: iso(row.firstAt),
    lastAt: iso(row.lastAt),
    category: row.category,
    subject: row.subjectType !== null && row.subjectId !== null ? { type: row.subjectType, id: row.subjectId, label: row.subjectLabel ?? '' } : null,
    link: row.link,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    readAt: row.readAt === null ? null : iso(row.readAt),
  };
}

/** A watch with a threshold is one whatever it counts; otherwise it watches a subject or a filter. */
function watchKindOf(watch: OwnNotification['watch']): AppNotification['watch']['kind'] {
  if (watch?.threshold) return 'threshold';
  return watch?.subjectType ? 'subject' : 'filter';
}

/** The first `NAMED_EVENTS` event ids of each notification, oldest first. */
async function namedEvents(db: Reader | Tx, ids: readonly string[]): Promise<Map<string, string[]>> {
  const named = new Map<string, string[]>();
  if (ids.length === 0) return named;
  const rows = await runSqlArrays(
    db,
    sql`select notification_id, event_id from (
          select ${watchMatches.notificationId} as notification_id, ${watchMatches.eventId} as event_id,
                 row_number() over (partition by ${watchMatches.notificationId} order by ${watchMatches.occurredAt}, ${watchMatches.eventId}) as n
          from ${watchMatches}
          where ${inArray(watchMatches.notificationId, [...ids])}
        ) where n <= ${NAMED_EVENTS}
        order by notification_id, n`,
  );
  for (const [notificationId, eventId] of rows) {
    const list = named.get(String(notificationId));
    if (list) list.push(String(eventId));
    else named.set(String(notificationId), [String(eventId)]);
  }
  return named;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
