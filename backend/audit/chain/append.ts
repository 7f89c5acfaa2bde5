import type { Tx } from '../../db/sql';
import { rawHandleOf, runWrite } from '../../db/sql';
import { canonicalEventText, type ChainedFields } from './canonical';
import { chainHash, GENESIS_HASH, leafHash } from './links';
import { sealValue, sealsText } from './seals';

/** An audit row about to be inserted, before its place in the chain. */
export type UnchainedRow = Omit<ChainedFields, 'seq'> & { before: string | null; after: string | null };

/** The chain columns the engine adds to each row. */
export interface ChainColumns {
  seq: number | null;
  hash: Buffer | null;
  seals: string | null;
}

/**
 * Set only by the write benchmark, to measure what the chain costs against
 * the same writes without it; a server never runs with it.
 */
export const MEASURING_WITHOUT_CHAIN = process.env.AUDITDESK_BENCH_WITHOUT_CHAIN === '1';

/** A blob column as a Buffer (clients hand blobs back as ArrayBuffer or Uint8Array). */
export function bufferOf(value: unknown): Buffer {
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('expected a blob');
}

/**
 * Gives each of `rows` (all of one workspace, in order) the next sequence
 * numbers of its workspace's chain, seals their values and links them, and
 * moves the chain head, all in `tx`. The head is read inside the write
 * transaction, so concurrent writers (the jobs of one group commit, other
 * processes on one database) each chain from the event committed before
 * theirs; a job that rolls back takes its head move with it.
 * `values` are the decoded before/after of each row, committed to as values.
 */
export async function chainRows(
  tx: Tx,
  orgId: string,
  rows: readonly UnchainedRow[],
  values: ReadonlyArray<{ before: unknown; after: unknown }>,
): Promise<ChainColumns[]> {
  if (MEASURING_WITHOUT_CHAIN) return rows.map(() => ({ seq: null, hash: null, seals: null }));
  const handle = rawHandleOf(tx);
  const head = await handle.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [orgId] });
  let seq = head.rows[0] ? Number(head.rows[0][0]) : 0;
  let hash = head.rows[0] ? bufferOf(head.rows[0][1]) : GENESIS_HASH;
  const chained = rows.map((row, i) => {
    seq += 1;
    const before = sealValue(row.property, values[i]!.before);
    const after = sealValue(row.property, values[i]!.after);
    hash = chainHash(hash, leafHash(canonicalEventText({ ...row, seq }, before.commitment, after.commitment)));
    return { seq, hash, seals: sealsText({ ...(before.seal && { b: before.seal }), ...(after.seal && { a: after.seal }) }) };
  });
  await runWrite(tx, {
    sql: `insert into audit_chain_heads (org_id, seq, hash, anchor_seq, anchor_hash) values (?, ?, ?, 0, null)
          on conflict (org_id) do update set seq = excluded.seq, hash = excluded.hash`,
    args: [orgId, seq, hash],
  });
  return chained;
}
