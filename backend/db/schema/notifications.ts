import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Category } from '../../../shared/enums';
import { flag, id, json, lifecycle } from './columns';
import { organizations, users } from './workspace';

/** More than `count` … within `minutes`: see WatchThreshold in shared/schemas/watches.ts. */
export interface WatchThresholdColumn {
  count: number;
  minutes: number;
  quietMinutes: number;
  perActor: boolean;
}

/**
 * A person's watch (an audited entity, settings / notifications): either a
 * subject (a customer or a conversation, optionally one property, optionally
 * one value of it) or a log filter (the audit log's query parameters), with
 * an optional threshold. The audit events it matches become notifications
 * of its owner.
 */
export const watches = sqliteTable(
  'watches',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    ownerId: text('owner_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    subjectType: text('subject_type').$type<'customer' | 'conversation'>(),
    subjectId: text('subject_id'),
    property: text('property'),
    /** The value `after` must equal, as the audit log encodes values (canonical JSON); null: any value. */
    value: text('value'),
    /** The log filter in query parameter form; null for a subject watch. */
    filter: text('filter'),
    threshold: json<WatchThresholdColumn>('threshold'),
    includeOwn: flag('include_own').notNull(),
    paused: flag('paused').notNull(),
    ...lifecycle(),
  },
  (t) => [index('watches_org_owner_idx').on(t.orgId, t.ownerId)],
);

/**
 * Grows (by a random step, see bumpWatchGeneration) in the transaction of
 * every change to a workspace's watches, so each process's cache of them
 * knows, with one lookup, when to reload.
 */
export const watchGenerations = sqliteTable('watch_generations', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id),
  generation: integer('generation').notNull(),
});

/**
 * One row per (watch, audit event) it matched, written in the transaction of
 * the event: the key that makes a notification of one event happen once, the
 * window a threshold counts in, and the events a notification names.
 */
export const watchMatches = sqliteTable(
  'watch_matches',
  {
    watchId: text('watch_id').notNull(),
    eventId: text('event_id').notNull(),
    orgId: text('org_id').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    actorId: text('actor_id'),
    /** The notification that names this event; null while a threshold has not fired. */
    notificationId: text('notification_id'),
  },
  (t) => [
    primaryKey({ columns: [t.watchId, t.eventId] }),
    index('watch_matches_window_idx').on(t.watchId, t.occurredAt),
    index('watch_matches_notification_idx').on(t.notificationId),
  ],
);

/**
 * A threshold's state per counting group (the whole watch, or one actor):
 * counting starts at `armedSince`; after firing it waits for a quiet period
 * without matches before it counts again.
 */
export const watchStates = sqliteTable(
  'watch_states',
  {
    watchId: text('watch_id').notNull(),
    /** '' for the whole watch, else the actor id counted on its own. */
    groupKey: text('group_key').notNull(),
    armedSince: integer('armed_since').notNull(),
    firedAt: integer('fired_at'),
    lastMatchAt: integer('last_match_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.watchId, t.groupKey] })],
);

/** Where a notification leads: the subject in the workspace, or the log filtered to its events. */
export type NotificationLink = { kind: 'subject'; type: 'customer' | 'conversation'; id: string } | { kind: 'log'; filter: string };

/**
 * A person's notification: one or more events of one watch (a burst of
 * matches within a few seconds grows one notification instead of raising
 * many). Not an audited entity: it is derived from the log, and reading it
 * changes nothing in the workspace.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    watchId: text('watch_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    count: integer('count').notNull(),
    firstEventId: text('first_event_id').notNull(),
    lastEventId: text('last_event_id').notNull(),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    category: text('category').$type<Category>().notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    subjectLabel: text('subject_label'),
    link: json<NotificationLink>('link').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId, t.readAt),
    index('notifications_watch_idx').on(t.watchId, t.createdAt),
  ],
);

/**
 * Everything a person's notification stream sends, in commit order: a
 * notification raised or grown, or notifications marked read. `seq` is an
 * AUTOINCREMENT key: SQLite serializes writers, so a later commit always
 * has a greater seq, in every process writing to the database, and a seq is
 * never reused. A stream resumes after the last seq it sent.
 */
export const notificationFeed = sqliteTable(
  'notification_feed',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    kind: text('kind').$type<'notification' | 'read'>().notNull(),
    /** kind 'notification': the notification raised or grown. */
    notificationId: text('notification_id'),
    /** kind 'read': the ids marked read, or null for "all of them". */
    readIds: json<string[]>('read_ids'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('notification_feed_user_idx').on(t.userId, t.seq)],
);
