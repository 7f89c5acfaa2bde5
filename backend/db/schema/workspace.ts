import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ActorType, ApiKeyKind, Role } from '../../../shared/enums';
import type { ApiKeyScope } from '../../../shared/permissions';
import { id, lifecycle, timestamp } from './columns';

export const organizations = sqliteTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: timestamp('disabled_at'),
    passwordChangedAt: timestamp('password_changed_at'),
    ...lifecycle(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_org_idx').on(t.orgId)],
);

/**
 * Lucia sessions. `id` holds the SHA-256 of the bearer token, never the token
 * itself. `expires_at` is the idle expiry (it slides with use); `created_at`
 * bounds the absolute lifetime.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Keys automations act through. Only a hash of the secret is stored; `prefix` lets admins tell keys apart. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    kind: text('kind').$type<ApiKeyKind>().notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** What the key may do (shared/permissions.ts API_KEY_SCOPES), JSON; keys made before scopes hold the defaults. */
    scopes: text('scopes', { mode: 'json' })
      .$type<ApiKeyScope[]>()
      .notNull()
      .default(sql`'["entities:read","entities:write","audit:read","routing:write"]'`),
    createdById: text('created_by_id').references(() => users.id),
    revokedAt: timestamp('revoked_at'),
    ...lifecycle(),
  },
  (t) => [uniqueIndex('api_keys_secret_unique').on(t.secretHash), index('api_keys_org_idx').on(t.orgId)],
);

export const teams = sqliteTable('teams', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const queues = sqliteTable('queues', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/**
 * Per-account sign-in throttling state (not an audited object: the attempts,
 * lock-outs and unlocks it leads to are audited as authorization events).
 */
export const loginThrottles = sqliteTable('login_throttles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Consecutive failures since the last success, and when the first of them happened. */
  failures: integer('failures').notNull(),
  firstFailureAt: integer('first_failure_at'),
  /** Until when the account is locked (epoch ms), and how many times it has been locked in a row. */
  lockedUntil: integer('locked_until'),
  lockouts: integer('lockouts').notNull(),
  /** Failed attempts in the current hour, whatever the IPs: the hard cap. */
  hourStartedAt: integer('hour_started_at'),
  hourFailures: integer('hour_failures').notNull(),
});

/**
 * Repeated refusals being coalesced: one row per caller, endpoint and
 * permission refused within the current window (backend/auth/access-denied-windows.ts).
 * The first refusal of a window is audited at once; the repeats are only
 * counted here, and audited as one summary row when the window closes. Not an
 * audited object; the row is deleted in the transaction that writes the summary.
 */
export const accessDeniedWindows = sqliteTable(
  'access_denied_windows',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    /** The refused caller as the audit row's subject: a user or an API key. */
    subjectType: text('subject_type').$type<'user' | 'api_key'>().notNull(),
    subjectId: text('subject_id').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    permission: text('permission').notNull(),
    /** When the window's first refusal happened (epoch ms); it closes a fixed time later. */
    windowStart: integer('window_start').notNull(),
    /** Refusals after the first within the window: audited together when it closes. */
    repeats: integer('repeats').notNull(),
    /** Who, from where, made the latest repeat: the summary row carries it. */
    lastRepeat: text('last_repeat', { mode: 'json' }).$type<AccessDeniedRepeat>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subjectType, t.subjectId, t.method, t.route, t.permission] }),
    index('access_denied_windows_start_idx').on(t.windowStart),
  ],
);

export interface AccessDeniedRepeat {
  actor: { type: ActorType; id: string | null; name: string };
  subjectLabel: string;
  source: { requestId: string | null; ip: string | null; userAgent: string | null; apiKeyId: string | null };
}
