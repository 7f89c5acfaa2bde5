import * as v from 'valibot';
import { API_KEY_KINDS, ROLES } from './enums';
import { API_KEY_SCOPES } from './permissions';

/*
 * The response shapes of the workspace administration routes (users, API
 * keys, retention), checked by the client before it hands them on. Loose
 * objects: the API may add fields; what the settings page relies on must be there.
 */

/** A user as GET/PATCH /users and POST /users/:id/unlock answer: the lock as the next sign-in would find it. */
export const AdminUserBody = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  disabledAt: v.nullable(v.string()),
  createdAt: v.string(),
  lock: v.object({
    lockedUntil: v.nullable(v.string()),
    failures: v.number(),
    lockouts: v.number(),
    failuresThisHour: v.number(),
  }),
});
export type AdminUser = v.InferOutput<typeof AdminUserBody>;

/** GET /users: one page, newest first. */
export const AdminUserPageBody = v.object({ items: v.array(AdminUserBody), nextCursor: v.nullable(v.string()) });
export type AdminUserPage = v.InferOutput<typeof AdminUserPageBody>;

/** An API key as GET /api-keys lists it (never its secret). */
export const ApiKeyBody = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist(API_KEY_KINDS),
  prefix: v.string(),
  /** What the key may do (shared/permissions.ts). */
  scopes: v.array(v.picklist(API_KEY_SCOPES)),
  createdAt: v.string(),
  revokedAt: v.nullable(v.string()),
});
export type ApiKey = v.InferOutput<typeof ApiKeyBody>;

export const ApiKeyListBody = v.object({ items: v.array(ApiKeyBody) });

/** POST /api-keys and POST /api-keys/:id/rotate: the key with its secret, the only time the secret is sent. */
export const ApiKeyWithSecretBody = v.object({ ...ApiKeyBody.entries, secret: v.pipe(v.string(), v.nonEmpty()) });
export type ApiKeyWithSecret = v.InferOutput<typeof ApiKeyWithSecretBody>;

/** GET/PUT /settings/retention. */
export const RetentionBody = v.object({
  days: v.number(),
  categoryDays: v.record(v.string(), v.number()),
});
export type Retention = v.InferOutput<typeof RetentionBody>;
