import type { InValue } from '@libsql/client';
import type { Category } from '../../../shared/enums';
import { rawHandleOf, type Reader, type Tx } from '../../db/sql';
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
  const handle = rawHandleOf(tx);
  const { rows } = await handle.execute({
    sql: `SELECT rowid, hash, ${STORED_EVENT_COLUMNS} FROM audit_events
          WHERE org_id = ? AND category = ? AND occurred_at < ?
            AND id NOT IN (SELECT purge_id FROM audit_tombstones WHERE org_id = ?)
          LIMIT ?`,
    args: [orgId, category, cutoffMs, orgId, limit],
  });
  if (rows.length === 0) return 0;
  // Rows written with the chain off (the write benchmark) have no link to keep.
  const chained = rows.filter((r) => r[1] !== null);
  if (chained.length > 0) {
    const args: InValue[] = chained.flatMap((r) => {
      const event = storedEventOf(Array.prototype.slice.call(r, 2));
      return [orgId, event.seq, storedLeaf(event), bufferOf(r[1]), purgeId];
    });
    await handle.execute({
      sql: `INSERT INTO audit_tombstones (org_id, seq, leaf, hash, purge_id) VALUES ${chained.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      args,
    });
  }
  const rowids = rows.map((r) => r[0] as number);
  await handle.execute({ sql: `DELETE FROM audit_events WHERE rowid IN (${rowids.map(() => '?').join(', ')})`, args: rowids });
  return rows.length;
}

/**
 * Moves the workspace's anchor to the end of its purged prefix: the largest
 * sequence number at or below which no event is left (the head itself when
 * none is), and drops the tombstones the anchor now covers. Returns the
 * anchor, or null while nothing at the start of the chain was purged.
 */
export async function moveAnchor(tx: Tx, orgId: string): Promise<Anchor | null> {
  const handle = rawHandleOf(tx);
  const [head] = (await handle.execute({ sql: 'SELECT seq, anchor_seq, anchor_hash FROM audit_chain_heads WHERE org_id = ?', args: [orgId] })).rows;
  if (!head) return null;
  const [live] = (await handle.execute({ sql: 'SELECT min(seq) FROM audit_events WHERE org_id = ?', args: [orgId] })).rows;
  const previous: Anchor | null = Number(head[1]) === 0 ? null : { seq: Number(head[1]), hash: bufferOf(head[2]) };
  const seq = live?.[0] === null || live?.[0] === undefined ? Number(head[0]) : Number(live[0]) - 1;
  if (seq <= (previous?.seq ?? 0)) return previous;
  const [link] = (await handle.execute({ sql: 'SELECT hash FROM audit_tombstones WHERE org_id = ? AND seq = ?', args: [orgId, seq] })).rows;
  // Every purged event left a tombstone; without one the prefix cannot be anchored (and the chain is already broken there).
  if (!link) return previous;
  const anchor = { seq, hash: bufferOf(link[0]) };
  await handle.execute({ sql: 'DELETE FROM audit_tombstones WHERE org_id = ? AND seq <= ?', args: [orgId, seq] });
  await handle.execute({ sql: 'UPDATE audit_chain_heads SET anchor_seq = ?, anchor_hash = ? WHERE org_id = ?', args: [seq, anchor.hash, orgId] });
  return anchor;
}

const ORPHANS = `FROM audit_tombstones WHERE org_id = ? AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.id = audit_tombstones.purge_id)`;

/** Whether a run stopped before recording its `purged` event, leaving tombstones that name no event. */
export async function hasOrphanTombstones(db: Reader, orgId: string): Promise<boolean> {
  const { rows } = await rawHandleOf(db).execute({ sql: `SELECT 1 ${ORPHANS} LIMIT 1`, args: [orgId] });
  return rows.length > 0;
}

/**
 * Names `purgeId` on the tombstones of runs that stopped before recording
 * their `purged` event, so this run's event accounts for them. Tombstones
 * refuse UPDATE: each is deleted and inserted again.
 */
export async function adoptOrphanTombstones(tx: Tx, orgId: string, purgeId: string): Promise<void> {
  const handle = rawHandleOf(tx);
  await handle.execute({ sql: 'CREATE TEMP TABLE IF NOT EXISTS orphan_tombstones (org_id, seq, leaf, hash)', args: [] });
  await handle.execute({ sql: `INSERT INTO orphan_tombstones SELECT org_id, seq, leaf, hash ${ORPHANS}`, args: [orgId] });
  await handle.execute({ sql: `DELETE ${ORPHANS}`, args: [orgId] });
  await handle.execute({
    sql: 'INSERT INTO audit_tombstones (org_id, seq, leaf, hash, purge_id) SELECT org_id, seq, leaf, hash, ? FROM orphan_tombstones',
    args: [purgeId],
  });
  await handle.execute({ sql: 'DELETE FROM orphan_tombstones', args: [] });
}

/** How many tombstones name `purgeId`. */
export async function tombstonesOf(tx: Tx, orgId: string, purgeId: string): Promise<number> {
  const { rows } = await rawHandleOf(tx).execute({
    sql: 'SELECT count(*) FROM audit_tombstones WHERE org_id = ? AND purge_id = ?',
    args: [orgId, purgeId],
  });
  return Number(rows[0]![0]);
}
