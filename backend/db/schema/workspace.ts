import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ApiKeyKind, Role } from '../../../shared/enums';
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
    ...lifecycle(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_org_idx').on(t.orgId)],
);

/** Lucia sessions. `id` holds the SHA-256 of the bearer token, never the token itself. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
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
