import * as v from 'valibot';
import { ROLES } from './enums';
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
