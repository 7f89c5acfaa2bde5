import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { EVENT_COLUMNS, leafOfRow } from '../../backend/audit/verify/links-of-rows';
import type { NativeConnection } from '../../backend/db/native-connection';
import { copyDatabase, tamper, verifyFile } from '../support/chain-copies';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * An event retention removed from the middle of the log leaves a tombstone
 * (its leaf and chain hash) naming the purge that removed it. The verifier
 * links tombstones like events, and holds them to the rule: the tombstones
 * above the anchor that name purge P are no more than the count P recorded,
 * and P is an event of the chain.
 */

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-tombstones-'));
let ws: TestWorkspace;
let purgeId: string;
beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'live.db')}` });
  for (const name of ['Ana', 'Bo', 'Cy', 'Di', 'Ed']) await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } });
  purgeId = ws.deps.newId();
  await ws.deps.writes.run((tx) =>
    appendAudit(tx, { ...ws.systemCtx(), newId: () => purgeId }, [
      {
        event: 'purged',
        category: 'settings',
        section: 'access',
        subject: { type: 'retention_settings', id: ws.orgId, label: 'Retention' },
        links: NO_LINKS,
        property: null,
        before: null,
        after: null,
        context: { cutoff: '2026-01-01T00:00:00.000Z', count: 3, byCategory: { customer: 3 }, anchor: null, tombstones: 1 },
      },
    ]),
  );
});

/** Records a purge whose context names `anchor` (as the retention purge does after moving it). */
async function recordPurge(anchor: { seq: number; hash: string } | null): Promise<void> {
  await ws.deps.writes.run((tx) =>
    appendAudit(tx, ws.systemCtx(), [
      {
        event: 'purged',
        category: 'settings',
        section: 'access',
        subject: { type: 'retention_settings', id: ws.orgId, label: 'Retention' },
        links: NO_LINKS,
        property: null,
        before: null,
        after: null,
        context: { cutoff: '2026-01-01T00:00:00.000Z', count: 3, byCategory: { customer: 3 }, anchor, tombstones: 0 },
      },
    ]),
  );
}

/** Deletes events 1…seq and moves the anchor to seq, as a purge of that prefix does. */
function purgePrefix(db: NativeConnection, seq: number): void {
  const hash = bufferOf(db.arrays('select hash from audit_events where org_id = ? and seq = ?', [ws.orgId, seq])[0]![0]);
  db.execute('delete from audit_events where org_id = ? and seq <= ?', [ws.orgId, seq]);
  db.execute('update audit_chain_heads set anchor_seq = ?, anchor_hash = ? where org_id = ?', [seq, hash, ws.orgId]);
}
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
const copy = () => copyDatabase(ws.deps.db.writerClient, dir, `copy-${++copies}.db`);

/** Replaces event `seq` by its tombstone naming `purge`, as the retention purge does. */
function tombstone(db: NativeConnection, seq: number, purge: string): void {
  const row = db.arrays(`select ${EVENT_COLUMNS} from audit_events where org_id = ? and seq = ?`, [ws.orgId, seq])[0]!;
  db.execute('insert into audit_tombstones (org_id, seq, leaf, hash, purge_id) values (?, ?, ?, ?, ?)', [ws.orgId, seq, leafOfRow(row), bufferOf(row[1]), purge]);
  db.execute('delete from audit_events where org_id = ? and seq = ?', [ws.orgId, seq]);
}

describe('tombstones of purged events', () => {
  it('link the chain in place of the events they stand for, as many as their purge recorded', async () => {
    const path = await copy();
    tamper(path, (db) => tombstone(db, 5, purgeId));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: true, reason: null });
  });

  it('are refused beyond the number their purge recorded', async () => {
    const path = await copy();
    tamper(path, (db) => {
      tombstone(db, 4, purgeId);
      tombstone(db, 6, purgeId);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 4, reason: expect.stringContaining('2 tombstones name purge event') });
  });

  it('are refused when they name no purge of the chain', async () => {
    const path = await copy();
    const someEvent = String((await ws.deps.db.writerClient.execute({ sql: 'select id from audit_events where org_id = ? and seq = 2', args: [ws.orgId] })).rows[0]![0]);
    tamper(path, (db) => {
      tombstone(db, 7, 'no-such-purge');
      tombstone(db, 8, someEvent);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 7, reason: expect.stringContaining('names a purge (no-such-purge) that is not an event of the chain') });
  });

  it('are refused when they do not link (a tombstone with another leaf)', async () => {
    const path = await copy();
    tamper(path, (db) => {
      tombstone(db, 5, purgeId);
      db.execute('update audit_tombstones set leaf = zeroblob(32) where seq = 5', []);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 5, reason: 'the tombstone of purged event 5 does not link into the chain' });
  });
});

describe('the anchor of the purged prefix', () => {
  it('is refused where no purge recorded it: events deleted from the start of the log', async () => {
    const path = await copy();
    tamper(path, (db) => purgePrefix(db, 3));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 4, reason: expect.stringContaining('no purge recorded that anchor') });
  });

  it('verifies the rest of the log from where the newest purge recorded it', async () => {
    const hash = (await ws.deps.db.writerClient.execute({ sql: 'select hash from audit_events where org_id = ? and seq = 3', args: [ws.orgId] })).rows[0]![0];
    await recordPurge({ seq: 3, hash: bufferOf(hash).toString('hex') });
    const path = await copy();
    tamper(path, (db) => purgePrefix(db, 3));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: true, fromSeq: 4 });
    const further = await copy();
    tamper(further, (db) => purgePrefix(db, 4));
    expect(await verifyFile(further, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 5 });
  });
});
