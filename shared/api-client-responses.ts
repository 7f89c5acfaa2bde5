import * as v from 'valibot';
import { ACTOR_TYPES, ROLES } from './enums';
import { NAMED_TYPES } from './schemas/names';

/*
 * The response shapes the client checks before handing them on. Loose
 * objects: the API may add fields; what the extension relies on must be there.
 */

export const ErrorBody = v.object({
  error: v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) }),
});

export const SessionUserBody = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  orgId: v.string(),
});

/** POST /auth/login. */
export const LoginBody = v.object({
  token: v.pipe(v.string(), v.nonEmpty()),
  expiresAt: v.pipe(v.string(), v.isoTimestamp()),
  user: SessionUserBody,
});

/** GET /auth/me: the user (null for an API key) and the org (its name from backends that send it). */
export const MeBody = v.object({
  user: v.nullable(v.object({ id: v.string(), email: v.string(), name: v.string(), role: v.picklist(ROLES) })),
  orgId: v.string(),
  orgName: v.optional(v.string()),
});

/** GET /customers/:id (only what the extension shows). */
export const CustomerBody = v.object({ id: v.string(), name: v.string() });

/** GET /conversations/:id (only what the extension shows). */
export const ConversationBody = v.object({ id: v.string(), name: v.string(), customerId: v.nullable(v.string()) });

const AuditEventShape = v.looseObject({ id: v.string(), occurredAt: v.string(), changeId: v.string() });

/** GET …/audit. */
export const AuditPageBody = v.object({ items: v.array(AuditEventShape), nextCursor: v.nullable(v.string()) });

/** POST /audit/:id/restore. */
export const RestoreBody = v.object({ event: v.nullable(AuditEventShape), events: v.array(AuditEventShape) });

/** One `event: audit` of GET /audit/stream. */
export const StreamedEventBody = AuditEventShape;

/** GET /audit/names: what each id the backend knows stands for (unknown ids are absent). */
export const NamesBody = v.object({
  names: v.record(v.string(), v.object({ type: v.picklist(NAMED_TYPES), name: v.string() })),
});

// --- The workspace log's helpers ---

/** GET /audit/activity: counts per bucket, oldest first. */
export const ActivityBody = v.object({
  bucket: v.picklist(['minute', 'hour', 'day']),
  items: v.array(v.object({ start: v.string(), count: v.number() })),
});

/** GET /audit/actors: who performed the matching events. */
export const ActorsBody = v.object({
  items: v.array(
    v.object({
      actor: v.object({ type: v.picklist(ACTOR_TYPES), id: v.nullable(v.string()), name: v.string() }),
      count: v.number(),
      lastAt: v.string(),
    }),
  ),
});

/** GET /audit/customers: customers by name prefix. */
export const CustomerNamesBody = v.object({
  items: v.array(v.object({ id: v.string(), name: v.string(), deleted: v.boolean() })),
});
// ---- Saved views of the log (GET/POST/PATCH /views) ----

/** A saved view as GET /views lists it for the caller. */
export const ViewBody = v.object({
  id: v.string(),
  name: v.string(),
  /** The filter as its owner saved it. */
  filter: v.string(),
  shared: v.boolean(),
  owner: v.object({ id: v.string(), name: v.string() }),
  /** The caller saved it (and may change it). */
  mine: v.boolean(),
  /** The caller may delete it: their own, or (admins) one someone else shared. */
  canDelete: v.boolean(),
  /** The caller's default view. */
  default: v.boolean(),
  /** The caller's role reads less than the view asks for: some rows it would show its owner are left out. */
  narrowed: v.boolean(),
  /** The filter to apply for the caller: without categories their role may not read; null when it asks only for such categories. */
  readableFilter: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type SavedView = v.InferOutput<typeof ViewBody>;

/** GET /views: the caller's views and those shared by others, by name. */
export const ViewListBody = v.object({ items: v.array(ViewBody) });

// ---- Watches and notifications (/watches, /notifications) ----

/** A watch as its owner sees it. */
export const WatchBody = v.object({
  id: v.string(),
  name: v.string(),
  /** threshold when it has one, else what it watches. */
  kind: v.picklist(['subject', 'filter', 'threshold']),
  subject: v.nullable(
    v.object({
      type: v.picklist(['customer', 'conversation']),
      id: v.string(),
      /** The subject's current name (its last recorded one once deleted). */
      label: v.string(),
      property: v.nullable(v.string()),
      /** Present only when the watch waits for this value. */
      value: v.optional(v.unknown()),
    }),
  ),
  filter: v.nullable(v.string()),
  threshold: v.nullable(v.object({ count: v.number(), minutes: v.number(), quietMinutes: v.number(), perActor: v.boolean() })),
  includeOwn: v.boolean(),
  paused: v.boolean(),
  /** The owner's role reads less than the filter asks for (a demotion): the watch matches only what it still may. */
  narrowed: v.boolean(),
  lastNotifiedAt: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Watch = v.InferOutput<typeof WatchBody>;
export const WatchListBody = v.object({ items: v.array(WatchBody) });

/** A notification: one or more events one watch matched. */
export const NotificationBody = v.object({
  id: v.string(),
  watch: v.object({ id: v.string(), name: v.string(), kind: v.picklist(['subject', 'filter', 'threshold']) }),
  title: v.string(),
  body: v.string(),
  /** How many events it names (a burst grows one notification). */
  count: v.number(),
  /** The events it names, oldest first (the first 50). */
  eventIds: v.array(v.string()),
  firstAt: v.string(),
  lastAt: v.string(),
  category: v.string(),
  subject: v.nullable(v.object({ type: v.string(), id: v.string(), label: v.string() })),
  link: v.union([
    v.object({ kind: v.literal('subject'), type: v.picklist(['customer', 'conversation']), id: v.string() }),
    v.object({ kind: v.literal('log'), filter: v.string() }),
  ]),
  createdAt: v.string(),
  updatedAt: v.string(),
  readAt: v.nullable(v.string()),
});
export type AppNotification = v.InferOutput<typeof NotificationBody>;

/** GET /notifications: newest first; `position` is the stream's current seq for the caller. */
export const NotificationPageBody = v.object({
  items: v.array(NotificationBody),
  nextCursor: v.nullable(v.string()),
  unreadCount: v.number(),
  position: v.number(),
});
export type NotificationPage = v.InferOutput<typeof NotificationPageBody>;
