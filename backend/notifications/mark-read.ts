import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../db/schema';
import type { Tx } from '../db/sql';
import { appendFeed } from './store';
import type { NotificationOwner } from './owner';

/*
 * Marking read is the one change a person makes to their notifications. It
 * is not audited: notifications are derived from the log, and reading one
 * changes nothing in the workspace. Each marking goes on the person's stream,
 * so their other clients take the notification off their unread count.
 */

/** Marks one of the owner's notifications read; false when it already was (nothing written). */
export async function markRead(tx: Tx, owner: NotificationOwner, id: string, now: number): Promise<boolean> {
  const result = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, owner.userId), eq(notifications.orgId, owner.orgId), isNull(notifications.readAt)));
  if (result.rowsAffected === 0) return false;
  await appendFeed(tx, { ...owner, kind: 'read', readIds: [id] }, now);
  return true;
}

/** Marks every unread notification of the owner read; answers how many there were. */
export async function markAllRead(tx: Tx, owner: NotificationOwner, now: number): Promise<number> {
  const result = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, owner.userId), eq(notifications.orgId, owner.orgId), isNull(notifications.readAt)));
  if (result.rowsAffected > 0) await appendFeed(tx, { ...owner, kind: 'read', readIds: null }, now);
  return result.rowsAffected;
}
