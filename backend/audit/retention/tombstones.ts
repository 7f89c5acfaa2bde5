import { sql } from 'drizzle-orm';
import type { Category } from '../../../shared/enums';
import { type Reader, runSqlArrays, type Tx } from '../../db/sql';
import { bufferOf } from '../chain/append';
import { STORED_EVENT_COLUMNS, storedEventOf, storedLeaf } from '../chain/stored-leaf';

/*
 * What the retention purge leaves of the events it deletes: a tombstone per
 * chained event (its leaf hash and chain hash, and the purge that removed
 * it), and the anchor of the purged prefix. The callers run these under
 * withAuditMaintenance (purge.ts states the rule a verifier checks).
 */

/** Where a workspace's chain verifies from: the last link of its purged prefix. */
export interface Anchor {
  seq: number;
  hash: Buffer;
}

/**
 * Deletes up to `limit` rows of one category older than `cutoffMs` (through
 * the (org, category, time) index), leaving a tombstone naming `purgeId` for
 * each. A `purged` event that tombstones still name is kept: it is what
 * accounts for them. The leaf is recomputed from the stored row, so a row
 * altered in place leaves a tombstone the chain does not reach.
 */
export async function deleteWithTombstones(
  tx: Tx,
  orgId: string,
  category: Category,
  cutoffMs: number,
  limit: number,
  purgeId: string,
): Promise<number> {
  const rows = await runSqlArrays(
    tx,
    sql`SELECT rowid, hash, ${sql.raw(STORED_EVENT_COLUMNS)} FROM audit_events
        WHERE org_id = ${orgId} AND category = ${category} AND occurred_at < ${cutoffMs}
          AND id NOT IN (SELECT purge_id FROM audit_tombstones WHERE org_id = ${orgId})
        LIMIT ${limit}`,
  );
  if (rows.length === 0) return 0;
  // Rows written with the chain off (the write benchmark) have no link to keep.
  const tombstones = rows
    .filter((r) => r[1] !== null)
    .map((r) => {
      const event = storedEventOf(r.slice(2));
      return sql`(${orgId}, ${event.seq}, ${storedLeaf(event)}, ${bufferOf(r[1])}, ${purgeId})`;
    });
  if (tombstones.length > 0) await tx.run(sql`INSERT INTO audit_tombstones (org_id, seq, leaf, hash, purge_id) VALUES ${sql.join(tombstones, sql`, `)}`);
  await tx.run(sql`DELETE FROM audit_events WHERE rowid IN (${sql.join(rows.map((r) => sql`${r[0] as number}`), sql`, `)})`);
  return rows.length;
}

/**
 * Moves the workspace's anchor to the end of its purged prefix: the largest
 * sequence number at or below which no event is left (the head itself when
 * none is), and drops the tombstones the anchor now covers. Returns the
 * anchor, or null while nothing at the start of the chain was purged.
 */
export async function moveAnchor(tx: Tx, orgId: string): Promise<Anchor | null> {
  const [head] = await runSqlArrays(tx, sql`SELECT seq, anchor_seq, anchor_hash FROM audit_chain_heads WHERE org_id = ${orgId}`);
  if (!head) return null;
  const [[firstLive] = []] = await runSqlArrays(tx, sql`SELECT min(seq) FROM audit_events WHERE org_id = ${orgId}`);
  const previous: Anchor | null = Number(head[1]) === 0 ? null : { seq: Number(head[1]), hash: bufferOf(head[2]) };
  const seq = firstLive === null || firstLive === undefined ? Number(head[0]) : Number(firstLive) - 1;
  if (seq <= (previous?.seq ?? 0)) return previous;
  const [link] = await runSqlArrays(tx, sql`SELECT hash FROM audit_tombstones WHERE org_id = ${orgId} AND seq = ${seq}`);
  // Every purged event left a tombstone; without one the prefix cannot be anchored (and the chain is already broken there).
  if (!link) return previous;
  const anchor = { seq, hash: bufferOf(link[0]) };
  await tx.run(sql`DELETE FROM audit_tombstones WHERE org_id = ${orgId} AND seq <= ${seq}`);
  await tx.run(sql`UPDATE audit_chain_heads SET anchor_seq = ${seq}, anchor_hash = ${anchor.hash} WHERE org_id = ${orgId}`);
  return anchor;
}

/** Tombstones of the workspace whose purge id names no event, other than those of the run `purgeId` (whose event is still to come). */
const orphansOf = (orgId: string, purgeId: string) =>
  sql`FROM audit_tombstones WHERE org_id = ${orgId} AND purge_id != ${purgeId}
        AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.id = audit_tombstones.purge_id)`;

/** Whether a run stopped before recording its `purged` event, leaving tombstones that name no event. */
export async function hasOrphanTombstones(db: Reader, orgId: string, purgeId: string): Promise<boolean> {
  return (await runSqlArrays(db, sql`SELECT 1 ${orphansOf(orgId, purgeId)} LIMIT 1`)).length > 0;
}

/**
 * Names `purgeId` on the tombstones of runs that stopped before recording
 * their `purged` event, so this run's event accounts for them; returns how
 * many. Tombstones refuse UPDATE: each is deleted and inserted again.
 */
export async function adoptOrphanTombstones(tx: Tx, orgId: string, purgeId: string): Promise<number> {
  const orphans = await runSqlArrays(tx, sql`SELECT seq, leaf, hash ${orphansOf(orgId, purgeId)}`);
  if (orphans.length === 0) return 0;
  await tx.run(sql`DELETE ${orphansOf(orgId, purgeId)}`);
  for (const [seq, leaf, hash] of orphans) {
    await tx.run(sql`INSERT INTO audit_tombstones (org_id, seq, leaf, hash, purge_id) VALUES (${orgId}, ${Number(seq)}, ${bufferOf(leaf)}, ${bufferOf(hash)}, ${purgeId})`);
  }
  return orphans.length;
}

/** How many tombstones name `purgeId`. */
export async function tombstonesOf(tx: Tx, orgId: string, purgeId: string): Promise<number> {
  const [[count] = []] = await runSqlArrays(tx, sql`SELECT count(*) FROM audit_tombstones WHERE org_id = ${orgId} AND purge_id = ${purgeId}`);
  return Number(count);
}
