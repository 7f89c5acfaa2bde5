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

/** GET /auth/me: the user (null for an API key) and the org. */
export const MeBody = v.object({
  user: v.nullable(v.object({ id: v.string(), email: v.string(), name: v.string(), role: v.picklist(ROLES) })),
  orgId: v.string(),
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
