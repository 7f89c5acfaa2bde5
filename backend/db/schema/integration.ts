import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { StreamDestinationKind, StreamDestinationStatus } from '../../../shared/enums';
import { id, json, lifecycle, timestamp } from './columns';
import { apiKeys, organizations, users } from './workspace';

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

/**
 * A helpdesk's object-update webhook (an entity, audited under settings ›
 * integrations). Each request must be signed with `secret` (HMAC-SHA256);
 * its changes become audit events from `source`. The secret is kept as it
 * is, not hashed: verifying a signature needs it.
 */
export const inboundWebhooks = sqliteTable(
  'inbound_webhooks',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** The system's name (a SourceName): its events are marked with it and its actors' ids are prefixed with it. */
    source: text('source').notNull(),
    secret: text('secret').notNull(),
    createdById: text('created_by_id').references(() => users.id),
    revokedAt: timestamp('revoked_at'),
    ...lifecycle(),
  },
  (t) => [index('inbound_webhooks_org_idx').on(t.orgId)],
);

/**
 * What each inbound webhook last received (written with each request, not
 * a setting): so the admin page can tell a working webhook from one whose
 * requests are refused, and why. Times are epoch ms.
 */
export const inboundWebhookActivity = sqliteTable('inbound_webhook_activity', {
  webhookId: text('webhook_id')
    .primaryKey()
    .references(() => inboundWebhooks.id),
  lastReceivedAt: integer('last_received_at'),
  lastRefusedAt: integer('last_refused_at'),
  /** Why the last refused request was refused (a bad signature, an old timestamp, an invalid body). */
  lastRefusal: text('last_refusal'),
});

/**
 * The helpdesk event ids each inbound webhook already recorded, kept at
 * least 24 hours: a helpdesk retries a delivery it got no answer to, and
 * the retry must not record the changes twice. Written in the transaction
 * of the events it stands for.
 */
export const inboundWebhookReceipts = sqliteTable(
  'inbound_webhook_receipts',
  {
    webhookId: text('webhook_id')
      .notNull()
      .references(() => inboundWebhooks.id),
    /** The helpdesk's id of the webhook event (its delivery's own id). */
    eventId: text('event_id').notNull(),
    /** The answer given the first time (JSON text), given again to a retry. */
    body: text('body').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.webhookId, t.eventId] }), index('inbound_webhook_receipts_received_idx').on(t.receivedAt)],
);

/**
 * Where the workspace's log is streamed out to (an entity, audited under
 * settings › integrations): its kind, target, filter and status. Delivery
 * progress lives in stream_deliveries, which changes with every batch and
 * is not a setting.
 */
export const streamDestinations = sqliteTable(
  'stream_destinations',
  {
    id: id(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    kind: text('kind').$type<StreamDestinationKind>().notNull(),
    /** webhook: the HTTPS URL batches are POSTed to. */
    url: text('url'),
    /** jsonl_file: a folder name under the server's stream root, where the files are written. */
    directory: text('directory'),
    /** jsonl_file: a new file is started when the current one reaches this size… */
    rotateBytes: integer('rotate_bytes'),
    /** …or this age. */
    rotateMinutes: integer('rotate_minutes'),
    /** The log's filters (GET /audit's query, in its own form): only matching events are delivered. */
    filter: json<Record<string, string | string[]>>('filter').notNull(),
    /** A destination failing without a success for this long is paused. */
    pauseAfterMinutes: integer('pause_after_minutes').notNull(),
    status: text('status').$type<StreamDestinationStatus>().notNull(),
    /** Why it is paused: by whom, or the failure it was paused after. */
    pausedReason: text('paused_reason'),
    /** webhook: the HMAC-SHA256 key of X-Auditdesk-Signature (kept as it is: signing needs it). */
    secret: text('secret'),
    createdById: text('created_by_id').references(() => users.id),
    ...lifecycle(),
  },
  (t) => [index('stream_destinations_org_idx').on(t.orgId)],
);

/**
 * Each destination's delivery progress, written by whichever process holds
 * the destination's lease: the stored position (the workspace chain's
 * sequence number up to which every matching event was delivered), the
 * retry state and the health the admin page shows. Times are epoch ms.
 */
export const streamDeliveries = sqliteTable('stream_deliveries', {
  destinationId: text('destination_id')
    .primaryKey()
    .references(() => streamDestinations.id),
  orgId: text('org_id')
    .notNull()
    .references(() => organizations.id),
  /** Every event with seq <= position was delivered (or did not match the filter). */
  position: integer('position').notNull(),
  /** Failed attempts since the last success: the backoff's exponent. */
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at'),
  failingSince: integer('failing_since'),
  lastSuccessAt: integer('last_success_at'),
  lastErrorAt: integer('last_error_at'),
  lastError: text('last_error'),
  deliveredCount: integer('delivered_count').notNull().default(0),
  /** jsonl_file: the file being written, when it was started and its size, so rotation survives a restart. */
  fileName: text('file_name'),
  fileStartedAt: integer('file_started_at'),
  fileBytes: integer('file_bytes'),
});
