import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag } from './columns';
import { organizations } from './workspace';

/*
 * The tables that make each workspace's audit log tamper-evident. Every audit
 * event carries its place in its workspace's hash chain (`seq`, `hash`,
 * `seals` on audit_events); these tables hold what must outlive the events
 * (a purged event's link, the anchor of a purged prefix), the signed
 * checkpoints, and the record of each verification.
 * Hashes are 32-byte SHA-256 digests stored as blobs.
 */

/**
 * The newest link of each workspace's chain, read and moved in the
 * transaction of every audit write: the next event's sequence number is
 * `seq + 1` and its hash chains from `hash`. `anchorSeq`/`anchorHash` are the
 * last link of the purged prefix (0 and null while nothing was purged): the
 * chain verifies from there.
 */
export const auditChainHeads = sqliteTable('audit_chain_heads', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id),
  seq: integer('seq').notNull(),
  hash: blob('hash', { mode: 'buffer' }).notNull(),
  anchorSeq: integer('anchor_seq').notNull(),
  anchorHash: blob('anchor_hash', { mode: 'buffer' }),
});

/**
 * The link of an event removed by retention in the middle of the chain (its
 * category kept less long than a later event's): the event's leaf hash and
 * chain hash, so the events after it still verify, and the `purged` event
 * that removed it, whose recorded count every tombstone must add up to.
 */
export const auditTombstones = sqliteTable(
  'audit_tombstones',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    seq: integer('seq').notNull(),
    leaf: blob('leaf', { mode: 'buffer' }).notNull(),
    hash: blob('hash', { mode: 'buffer' }).notNull(),
    purgeId: text('purge_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.seq] }), index('audit_tombstones_purge_idx').on(t.purgeId)],
);

export type CheckpointReason = 'schedule' | 'demand' | 'purge' | 'export';

/**
 * A signed statement of a workspace's chain head. `payload` is the exact
 * signed text (canonical JSON, see backend/audit/chain/checkpoint.ts), kept
 * as signed so a copy verifies byte for byte; the other columns repeat its
 * fields for queries. `digest` (SHA-256 of the payload, hex) is what the
 * next checkpoint names as `previous`.
 */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    signedAt: integer('signed_at').notNull(),
    previous: text('previous'),
    keyId: text('key_id').notNull(),
    payload: text('payload').notNull(),
    signature: text('signature').notNull(),
    digest: text('digest').notNull(),
    reason: text('reason').$type<CheckpointReason>().notNull(),
  },
  (t) => [index('audit_checkpoints_org_seq_idx').on(t.orgId, t.seq)],
);

export type VerificationTrigger = 'schedule' | 'demand';

/** One run of the verifier over a workspace's chain, and what it found. */
export const auditVerifications = sqliteTable(
  'audit_verifications',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    trigger: text('trigger').$type<VerificationTrigger>().notNull(),
    /** The first and last sequence numbers looked at (an incremental run starts after a verified checkpoint). */
    fromSeq: integer('from_seq').notNull(),
    toSeq: integer('to_seq').notNull(),
    checked: integer('checked').notNull(),
    ok: flag('ok').notNull(),
    firstBadSeq: integer('first_bad_seq'),
    reason: text('reason'),
    /** The newest checkpoint the run found the chain to match (the next incremental run starts there). */
    checkpointId: text('checkpoint_id'),
  },
  (t) => [index('audit_verifications_org_time_idx').on(t.orgId, t.finishedAt)],
);

/**
 * A named lease: the one process (of any number on one database) that may
 * run a schedule (checkpoint signing, background verification, retention)
 * until `expiresAt`, epoch ms.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * Holds one row only while the purge or redaction path is changing audit
 * rows, inside that path's transaction: the append-only triggers let an
 * UPDATE or DELETE of audit_events through only then.
 */
export const auditMaintenance = sqliteTable('audit_maintenance', {
  id: integer('id').primaryKey(),
  reason: text('reason').notNull(),
});
