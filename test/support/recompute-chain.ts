import { bufferOf } from '../../backend/audit/chain/append';
import { chainHash, GENESIS_HASH } from '../../backend/audit/chain/links';
import { STORED_EVENT_COLUMNS, storedEventOf, storedLeaf } from '../../backend/audit/chain/stored-leaf';
import { readerQuery } from '../../backend/audit/verify/source';
import { type ChainVerification, verifyChain } from '../../backend/audit/verify/verify-chain';
import type { AppDeps } from '../../backend/deps';

export interface Recomputed {
  ok: boolean;
  /** Links recomputed: live events and tombstones from the anchor to the head. */
  checked: number;
  /** The first link whose stored hash the recomputation does not reach, or null. */
  firstBadSequence: number | null;
  /** Live events, tombstones. */
  events: number;
  tombstones: number;
}

/**
 * Recomputes one workspace's chain from what the database stores, as an
 * outside verifier would: from the anchor of its purged prefix (or the
 * genesis hash), each live event's leaf from its stored fields, each
 * tombstone's kept leaf, every link's hash, and the head.
 */
export async function recomputeChain(deps: Pick<AppDeps, 'db'>, orgId: string): Promise<Recomputed> {
  const client = deps.db.writerClient;
  const events = (
    await client.execute({ sql: `select ${STORED_EVENT_COLUMNS}, hash from audit_events where org_id = ? order by seq`, args: [orgId] })
  ).rows.map((r) => ({ event: storedEventOf(r), hash: bufferOf(r[25]) }));
  const tombstones = (await client.execute({ sql: 'select seq, leaf, hash from audit_tombstones where org_id = ?', args: [orgId] })).rows;
  const [head] = (await client.execute({ sql: 'select seq, hash, anchor_seq, anchor_hash from audit_chain_heads where org_id = ?', args: [orgId] }))
    .rows;
  const bySeq = new Map<number, { leaf: Buffer; hash: Buffer }>();
  for (const { event, hash } of events) bySeq.set(event.seq, { leaf: storedLeaf(event), hash });
  for (const t of tombstones) {
    const seq = Number(t[0]);
    if (bySeq.has(seq)) return { ok: false, checked: 0, firstBadSequence: seq, events: events.length, tombstones: tombstones.length };
    bySeq.set(seq, { leaf: bufferOf(t[1]), hash: bufferOf(t[2]) });
  }
  const headSeq = head ? Number(head[0]) : 0;
  const anchorSeq = head ? Number(head[2]) : 0;
  let previous = head && head[3] !== null ? bufferOf(head[3]) : GENESIS_HASH;
  let checked = 0;
  const result = (firstBadSequence: number | null) => ({
    ok: firstBadSequence === null,
    checked,
    firstBadSequence,
    events: events.length,
    tombstones: tombstones.length,
  });
  for (let seq = anchorSeq + 1; seq <= headSeq; seq++) {
    const link = bySeq.get(seq);
    if (!link) return result(seq);
    previous = chainHash(previous, link.leaf);
    if (!previous.equals(link.hash)) return result(seq);
    checked += 1;
  }
  if (bySeq.size !== checked || (head && !previous.equals(bufferOf(head[1])))) return result(headSeq + 1);
  return result(null);
}

/** The verifier the API, the schedule and `npm run verify` run, over the database the app reads. */
export function verifyWithVerifier(deps: Pick<AppDeps, 'db'>, orgId: string): Promise<ChainVerification> {
  return verifyChain(readerQuery(deps.db.reader), orgId);
}
