import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { apiKeys, organizations } from './workspace';

/**
 * The first answer to each `Idempotency-Key` an API key sent, kept at least
 * 24 hours: a retry with the same key and the same request gets this answer
 * again instead of a second write; the same key with another request is
 * refused. Written in the transaction of the write it answers for, so of
 * concurrent requests with one key exactly one writes.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    apiKeyId: text('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    key: text('key').notNull(),
    /** SHA-256 (hex) of the request's method, path and body: what "the same request" means. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    /** The response body as sent (JSON text). */
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.apiKeyId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
