import { eq, sql } from 'drizzle-orm';
import type { Category } from '../../shared/enums';
import type { Tx } from '../db/sql';
import { notificationFeed, notifications, type NotificationLink } from '../db/schema';

/** An audit event a notification names. */
export interface NamedEvent {
  id: string;
  occurredAt: number;
}

/** A new notification of one watch, about its first events (oldest first, at least one). */
export interface NotificationDraft {
  orgId: string;
  userId: string;
  watchId: string;
  title: string;
  body: string;
  category: Category;
  subject: { type: string; id: string; label: string } | null;
  link: NotificationLink;
  events: readonly NamedEvent[];
}

/** More events of the same burst: the notification's count grows, and its words follow. */
export interface NotificationGrowth {
  title: string;
  body: string;
  events: readonly NamedEvent[];
}

type FeedEntry = { orgId: string; userId: string } & ({ kind: 'notification'; notificationId: string } | { kind: 'read'; readIds: string[] | null });

/**
 * Appends to a person's stream, in the caller's transaction: the entry's
 * seq is greater than every committed one, so the stream sends it after
 * everything sent before.
 */
export async function appendFeed(tx: Tx, entry: FeedEntry, now: number): Promise<void> {
  await tx.insert(notificationFeed).values({
    orgId: entry.orgId,
    userId: entry.userId,
    kind: entry.kind,
    notificationId: entry.kind === 'notification' ? entry.notificationId : null,
    readIds: entry.kind === 'read' ? entry.readIds : null,
    createdAt: now,
  });
}

/** Stores a new notification and puts it on its owner's stream; answers its id. */
export async function raiseNotification(tx: Tx, draft: NotificationDraft, now: number, id: string): Promise<string> {
  const first = draft.events[0]!;
  const last = draft.events.at(-1)!;
  await tx.insert(notifications).values({
    id,
    orgId: draft.orgId,
    userId: draft.userId,
    watchId: draft.watchId,
    title: draft.title,
    body: draft.body,
    count: draft.events.length,
    firstEventId: first.id,
    lastEventId: last.id,
    firstAt: first.occurredAt,
    lastAt: last.occurredAt,
    category: draft.category,
    subjectType: draft.subject?.type ?? null,
    subjectId: draft.subject?.id ?? null,
    subjectLabel: draft.subject?.label ?? null,
    link: draft.link,
    createdAt: now,
    updatedAt: now,
    readAt: null,
  });
  await appendFeed(tx, { orgId: draft.orgId, userId: draft.userId, kind: 'notification', notificationId: id }, now);
  return id;
}

/**
 * Adds events to a notification (a burst): it is unread again, and goes on
 * the stream again, where clients replace the one they show.
 */
export async function growNotification(
  tx: Tx,
  owner: { orgId: string; userId: string },
  id: string,
  growth: NotificationGrowth,
  now: number,
): Promise<void> {
  const last = growth.events.at(-1);
  if (!last) return;
  await tx
    .update(notifications)
    .set({
      title: growth.title,
      body: growth.body,
      count: sql`${notifications.count} + ${growth.events.length}`,
      lastEventId: last.id,
      lastAt: last.occurredAt,
      updatedAt: now,
      readAt: null,
    })
    .where(eq(notifications.id, id));
  await appendFeed(tx, { ...owner, kind: 'notification', notificationId: id }, now);
}
