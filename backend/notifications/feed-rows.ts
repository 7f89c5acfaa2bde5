import { and, asc, eq, gt } from 'drizzle-orm';
import { notificationFeed } from '../db/schema';
import type { Reader } from '../db/sql';
import type { LiveRow } from '../live/live-stream';
import type { NotificationOwner } from './owner';
import { presentNotifications } from './present';
import { getOwnMany, unreadCountOf } from './queries';

/** Feed entries per read: what one pull of a stream sends at most. */
const BATCH = 100;

/**
 * The owner's feed entries after `after`, as stream frames: a notification
 * raised or grown (`notification`, with the notification as it is now), or
 * notifications marked read (`read`, the ids, or null for all). Each frame
 * carries the unread count as of this read, so a client's badge follows the
 * last frame it got.
 */
export async function feedRowsAfter(db: Reader, owner: NotificationOwner, after: number): Promise<LiveRow[]> {
  const entries = await db
    .select({ seq: notificationFeed.seq, kind: notificationFeed.kind, notificationId: notificationFeed.notificationId, readIds: notificationFeed.readIds })
    .from(notificationFeed)
    .where(and(eq(notificationFeed.userId, owner.userId), gt(notificationFeed.seq, after)))
    .orderBy(asc(notificationFeed.seq))
    .limit(BATCH);
  if (entries.length === 0) return [];

  const ids = [...new Set(entries.flatMap((e) => (e.notificationId === null ? [] : [e.notificationId])))];
  const presented = await presentNotifications(db, await getOwnMany(db, owner, ids));
  const byId = new Map(presented.map((n) => [n.id, n]));
  const unreadCount = await unreadCountOf(db, owner);

  return entries.map((entry): LiveRow => {
    const id = String(entry.seq);
    if (entry.kind === 'read') return { id, event: 'read', json: JSON.stringify({ ids: entry.readIds, unreadCount }) };
    const notification = entry.notificationId === null ? undefined : byId.get(entry.notificationId);
    // Gone since (pruned): nothing to send for this entry, the stream moves past it.
    if (!notification) return { id, event: 'notification', json: null };
    return { id, event: 'notification', json: JSON.stringify({ notification, unreadCount }) };
  });
}
