import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { withAuditMaintenance } from '../../backend/audit/chain/maintenance';
import { purgeExpiredAudit } from '../../backend/audit/retention/purge';
import { deleteWithTombstones } from '../../backend/audit/retention/tombstones';
import type { Category } from '../../shared/enums';
import { appendEventAt, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { recomputeChain, verifyWithVerifier } from '../support/recompute-chain';

/*
 * Retention then verify: what a purge deletes leaves the rest of the chain
 * verifiable, from the anchor of the purged prefix and through the
 * tombstones of events deleted in the middle, and the purge accounts for
 * every tombstone it leaves.
 */

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

let clock: number;
let ws: TestWorkspace;
beforeEach(async () => {
  clock = NOW;
  ws = await createTestWorkspace({ now: () => new Date(clock) });
});
afterEach(() => ws.close());

function eventAt(at: number, category: Category, word: string): Promise<void> {
  return appendEventAt(ws, at, category, word);
}

async function query(sql: string, args: Array<string | number> = []): Promise<unknown[][]> {
  return (await ws.deps.db.writerClient.execute({ sql, args })).rows.map((row) => Array.prototype.slice.call(row) as unknown[]);
}

async function count(sql: string, args: Array<string | number> = []): Promise<number> {
  return Number((await query(sql, args))[0]![0]);
}

async function seqOf(word: string): Promise<{ id: string; seq: number; hash: Buffer }> {
  const [row] = await query('select id, seq, hash from audit_events where subject_id = ?', [`subject-${word}`]);
  return { id: row![0] as string, seq: Number(row![1]), hash: bufferOf(row![2]) };
}

async function putRetention(categoryDays: Partial<Record<Category, number>>): Promise<void> {
  await bodyOf(await ws.call('PUT', '/api/v1/settings/retention', { token: ws.tokens.admin, body: { days: 365, categoryDays } }), 200);
}

async function purgedEvents(): Promise<Array<{ id: string; seq: number; context: Record<string, unknown> }>> {
  const rows = await query(`select id, seq, context from audit_events where event = 'purged' order by seq`);
  return rows.map((r) => ({ id: r[0] as string, seq: Number(r[1]), context: JSON.parse(r[2] as string) as Record<string, unknown> }));
}

/** The tombstone rule: each tombstone is above the anchor and names a later `purged` event whose recorded count covers its tombstones. */
async function expectTombstonesAccountedFor(): Promise<void> {
  const [head] = await query('select anchor_seq from audit_chain_heads where org_id = ?', [ws.orgId]);
  const purges = new Map((await purgedEvents()).map((p) => [p.id, p]));
  const named = new Map<string, number>();
  for (const [seq, purgeId] of await query('select seq, purge_id from audit_tombstones where org_id = ?', [ws.orgId])) {
    const purge = purges.get(purgeId as string);
    expect(purge, `tombstone ${String(seq)} names no purged event`).toBeDefined();
    expect(Number(seq)).toBeGreaterThan(Number(head![0]));
    expect(Number(seq)).toBeLessThan(purge!.seq);
    named.set(purgeId as string, (named.get(purgeId as string) ?? 0) + 1);
  }
  for (const [purgeId, count] of named) expect(count).toBeLessThanOrEqual(purges.get(purgeId)!.context.tombstones as number);
}

describe('retention then verify', () => {
  it('anchors the chain at the last purged event when the start of the log is purged, and the rest verifies from there', async () => {
    await eventAt(NOW - 400 * DAY, 'customer', 'old');
    clock = NOW + 400 * DAY; // the workspace's own first rows (its users) expire too
    await eventAt(clock, 'customer', 'fresh');
    const fresh = await seqOf('fresh');
    const [lastPurged] = await query('select hash from audit_events where seq = ? and org_id = ?', [fresh.seq - 1, ws.orgId]);

    await purgeExpiredAudit(ws.deps);

    const [purge] = await purgedEvents();
    expect(purge!.context).toMatchObject({ anchor: { seq: fresh.seq - 1, hash: bufferOf(lastPurged![0]).toString('hex') }, tombstones: 0 });
    expect(await count('select count(*) from audit_tombstones')).toBe(0);
    const [head] = await query('select anchor_seq, anchor_hash from audit_chain_heads where org_id = ?', [ws.orgId]);
    expect(Number(head![0])).toBe(fresh.seq - 1);
    expect(bufferOf(head![1]).equals(bufferOf(lastPurged![0]))).toBe(true);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, events: 2, tombstones: 0 });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
  });

  it('leaves a tombstone for an event purged between kept ones, named by the purge that counts it, and the chain verifies through it', async () => {
    await putRetention({ customer: 30 });
    await eventAt(NOW - 31 * DAY, 'customer', 'gone');
    await eventAt(NOW - 20 * DAY, 'customer', 'kept');
    const gone = await seqOf('gone');

    await purgeExpiredAudit(ws.deps);

    const [purge] = await purgedEvents();
    expect(purge!.context).toMatchObject({ count: 1, anchor: null, tombstones: 1 });
    const tombstones = await query('select seq, hash, purge_id from audit_tombstones');
    expect(tombstones.map((t) => [Number(t[0]), bufferOf(t[1]).equals(gone.hash), t[2]])).toEqual([[gone.seq, true, purge!.id]]);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, tombstones: 1 });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    await expectTombstonesAccountedFor();
  });

  it('moves the anchor over tombstones once the events before them are purged too, and drops those tombstones', async () => {
    await putRetention({ customer: 30 });
    await eventAt(NOW - 31 * DAY, 'customer', 'early');
    await eventAt(NOW - 20 * DAY, 'conversation', 'later');
    await purgeExpiredAudit(ws.deps);
    expect((await purgedEvents())[0]!.context).toMatchObject({ tombstones: 1, anchor: null });

    clock = NOW + 400 * DAY;
    await eventAt(clock, 'conversation', 'fresh');
    await purgeExpiredAudit(ws.deps);

    // The first purge's event was still named by a tombstone when this run deleted: it stays, and the anchor stops before it.
    const [first, second] = await purgedEvents();
    expect(second!.context).toMatchObject({ anchor: { seq: first!.seq - 1 }, tombstones: 0 });
    expect(await count('select count(*) from audit_tombstones')).toBe(0);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });

    await purgeExpiredAudit(ws.deps);

    const fresh = await seqOf('fresh');
    expect(await count('select count(*) from audit_events where id = ?', [first!.id])).toBe(0);
    expect((await purgedEvents()).at(-1)!.context).toMatchObject({ anchor: { seq: fresh.seq - 1 }, tombstones: 0 });
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, events: 3 });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
  });

  it('keeps a purged event past its retention while tombstones still name it', async () => {
    await putRetention({ customer: 30, billing: 3650 });
    await eventAt(NOW - 10 * DAY, 'billing', 'keeper');
    await eventAt(NOW - 31 * DAY, 'customer', 'gone');
    await purgeExpiredAudit(ws.deps);
    const [first] = await purgedEvents();

    clock = NOW + 500 * DAY;
    await purgeExpiredAudit(ws.deps);

    expect(await count('select count(*) from audit_events where id = ?', [first!.id])).toBe(1);
    expect(await count('select count(*) from audit_tombstones where purge_id = ?', [first!.id])).toBe(1);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    await expectTombstonesAccountedFor();
  });

  it('has the next run account for the tombstones of a run that stopped before recording its purge', async () => {
    await putRetention({ customer: 30 });
    await eventAt(NOW - 40 * DAY, 'customer', 'stopped');
    await eventAt(NOW - 20 * DAY, 'customer', 'kept');
    // A run that deleted a batch and then stopped: its purge id names no event.
    await ws.deps.writes.run((tx) =>
      withAuditMaintenance(tx, 'purge', () => deleteWithTombstones(tx, ws.orgId, 'customer', NOW - 30 * DAY, 500, 'never-recorded')),
    );

    await purgeExpiredAudit(ws.deps);

    const [purge] = await purgedEvents();
    // The stopped run's removal is counted by the run that records it.
    expect(purge!.context).toMatchObject({ count: 1, tombstones: 1 });
    expect((await query('select purge_id from audit_tombstones')).map((r) => r[0])).toEqual([purge!.id]);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null });
    await expectTombstonesAccountedFor();
  });

  it('is caught when a purged event is edited before its deletion: its tombstone no longer links', async () => {
    await putRetention({ customer: 30 });
    await eventAt(NOW - 31 * DAY, 'customer', 'edited');
    await eventAt(NOW - 20 * DAY, 'customer', 'kept');
    const edited = await seqOf('edited');
    // An edit that slipped past the triggers, made while the row was still live.
    await ws.deps.writes.run((tx) =>
      withAuditMaintenance(tx, 'redaction', () => tx.run(sql`update audit_events set subject_label = 'rewritten' where id = ${edited.id}`)),
    );

    await purgeExpiredAudit(ws.deps);

    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: edited.seq });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: edited.seq });
  });
});
