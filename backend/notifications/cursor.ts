import { openCursor, signCursor } from '../audit/query/cursor';
import type { NotificationOwner } from './owner';

/*
 * Page cursors of the notification list, signed like the log's (see
 * backend/audit/query/cursor.ts): a cursor carries the id of the last
 * notification of its page, the list it was made for (all, or unread only)
 * and its owner, so a tampered cursor, another person's cursor or one of
 * the other list answers 400.
 */

function scopeOf(unread: boolean): string {
  return unread ? 'notifications:unread' : 'notifications';
}

function holderOf(owner: NotificationOwner): string {
  return `u:${owner.userId}`;
}

export function signNotificationCursor(key: Buffer, lastId: string, owner: NotificationOwner, unread: boolean): string {
  return signCursor(key, { occurredAt: 0, id: lastId }, scopeOf(unread), holderOf(owner));
}

/** The id the next page starts below; 400 for a cursor that is not this list's. */
export function openNotificationCursor(key: Buffer, cursor: string, owner: NotificationOwner, unread: boolean): string {
  return openCursor(key, cursor, scopeOf(unread), holderOf(owner)).id;
}
