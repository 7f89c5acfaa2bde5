import { and, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '../db/schema';
import type { Tx } from '../db/sql';
import { appendFeed } from './store';
import type { NotificationOwner } from './owner';

/*
 * Marking read is the one change a person makes to their notifications. It
 * is not audited: notifications are derived from the log, and reading one
 * changes nothing in the workspace. Each marking goes on the person's stream,
 * so their other clients take the notifications off their unread count.
 */

function ownUnread(owner: NotificationOwner) {
  return and(eq(notifications.userId, owner.userId), eq(notifications.orgId, owner.orgId), isNull(notifications.readAt));
}

/**
 * Marks those of `ids` that are the owner's and unread; answers them (none:
 * nothing written, so marking again adds nothing to the stream).
 */
export async function markRead(tx: Tx, owner: NotificationOwner, ids: readonly string[], now: number): Promise<string[]> {
  const marked = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(inArray(notifications.id, [...ids]), ownUnread(owner)))
    .returning({ id: notifications.id });
  if (marked.length === 0) return [];
  const markedIds = marked.map((row) => row.id);
  await appendFeed(tx, { ...owner, kind: 'read', readIds: markedIds }, now);
  return markedIds;
}

/** Marks every unread notification of the owner read; answers how many there were. */
export async function markAllRead(tx: Tx, owner: NotificationOwner, now: number): Promise<number> {
  const result = await tx.update(notifications).set({ readAt: now }).where(ownUnread(owner));
  if (result.rowsAffected > 0) await appendFeed(tx, { ...owner, kind: 'read', readIds: null }, now);
  return result.rowsAffected;
}
