import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase, type KeyPair, newKeyPair, recomputeTail, signStoredCheckpoint, tamper, verifyFile } from '../support/chain-copies';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * Each kind of tampering, made with SQL on a raw copy of a database file
 * (the append-only triggers dropped first, as by someone holding the file),
 * is found by the offline verifier at the right sequence number.
 */

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-tamper-'));
let ws: TestWorkspace;
let key: KeyPair;
/** The chain's length when the copies are made. */
let head: number;

beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'live.db')}` });
  key = newKeyPair();
  const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as { id: string };
  for (let i = 0; i < 30; i++) {
    await ws.call('PATCH', `/api/v1/customers/${customer.id}`, { token: ws.tokens.agent, body: { name: `Ana ${i}`, custom: { n: i } } });
  }
  const rows = await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_chain_heads where org_id = ?', args: [ws.orgId] });
  head = Number(rows.rows[0]![0]);
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
const copy = () => copyDatabase(ws.deps.db.writerClient, dir, `copy-${++copies}.db`);

describe('verifying a raw copy of the database file', () => {
  it('finds an untouched copy intact, every event checked', async () => {
    const result = await verifyFile(await copy(), ws.orgId);
    expect(result).toMatchObject({ ok: true, checked: head, firstBadSequence: null, reason: null, fromSeq: 1, toSeq: head });
    expect(head).toBeGreaterThan(40);
  });

  it('finds an edited field at its sequence number', async () => {
    const path = await copy();
    tamper(path, (db) => db.execute(`update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = 17`, [ws.orgId]));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 17, checked: 16 });
  });

  it('finds an edited value (its commitment no longer holds) at its sequence number', async () => {
    const path = await copy();
    const valued = await ws.deps.db.writerClient.execute({
      sql: 'select min(seq) from audit_events where org_id = ? and seq >= 21 and after is not null',
      args: [ws.orgId],
    });
    const seq = Number(valued.rows[0]![0]);
    tamper(path, (db) => db.execute(`update audit_events set after = '"Bob"' where org_id = ? and seq = ?`, [ws.orgId, seq]));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: seq });
  });

  it('finds a deleted row as the missing sequence number', async () => {
    const path = await copy();
    tamper(path, (db) => db.execute('delete from audit_events where org_id = ? and seq = 12', [ws.orgId]));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 12, reason: 'event 12 is missing' });
  });

  it('finds two swapped rows at the first of them', async () => {
    const path = await copy();
    tamper(path, (db) => {
      db.execute('update audit_events set seq = -1 where org_id = ? and seq = 9', [ws.orgId]);
      db.execute('update audit_events set seq = 9 where org_id = ? and seq = 25', [ws.orgId]);
      db.execute('update audit_events set seq = 25 where org_id = ? and seq = -1', [ws.orgId]);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 9 });
  });

  it('finds a row inserted in the middle, the rows after it renumbered, at the inserted sequence number', async () => {
    const path = await copy();
    tamper(path, (db) => {
      db.execute('drop index audit_chain_idx', []);
      db.execute('update audit_events set seq = seq + 1 where org_id = ? and seq >= 14', [ws.orgId]);
      db.execute(
        `insert into audit_events select 'INSERTED' || id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type,
           subject_id, subject_label, customer_id, conversation_id, property, before, after, change_id, context, request_id, ip, user_agent, api_key_id,
           14, hash, seals from audit_events where org_id = ? and seq = 15`,
        [ws.orgId],
      );
      db.execute('update audit_chain_heads set seq = seq + 1 where org_id = ?', [ws.orgId]);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 14 });
  });

  it('finds a row inserted with the sequence number of another as a repeat', async () => {
    const path = await copy();
    tamper(path, (db) => {
      db.execute('drop index audit_chain_idx', []);
      db.execute(
        `insert into audit_events select 'INSERTED' || id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type,
           subject_id, subject_label, customer_id, conversation_id, property, before, after, change_id, context, request_id, ip, user_agent, api_key_id,
           seq, hash, seals from audit_events where org_id = ? and seq = 30`,
        [ws.orgId],
      );
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: 30, reason: 'event 30 appears more than once (an inserted row)' });
  });

  it('finds a row inserted past the head', async () => {
    const path = await copy();
    tamper(path, (db) =>
      db.execute(
        `insert into audit_events select 'INSERTED' || id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type,
           subject_id, subject_label, customer_id, conversation_id, property, before, after, change_id, context, request_id, ip, user_agent, api_key_id,
           seq + 1, hash, seals from audit_events where org_id = ? and seq = ?`,
        [ws.orgId, head],
      ),
    );
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: head + 1 });
  });

  it('finds a row inserted without a sequence number', async () => {
    const path = await copy();
    tamper(path, (db) =>
      db.execute(
        `insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id, subject_label, change_id)
         select 'LOOSE', org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id, subject_label, change_id
         from audit_events where org_id = ? and seq = 3`,
        [ws.orgId],
      ),
    );
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, reason: '1 event has no place in the chain (rows inserted without a sequence number)' });
  });

  it('finds the last events deleted while the head still names them', async () => {
    const path = await copy();
    tamper(path, (db) => db.execute('delete from audit_events where org_id = ? and seq > ?', [ws.orgId, head - 3]));
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: false, firstBadSequence: head - 2 });
  });
});

describe('a chain recomputed from some event on', () => {
  it('is caught by the checkpoint signed after the change point, at the event after the last checkpoint it still matches', async () => {
    const early = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, key);
    expect(early.seq).toBe(head);
    const path = await copy();
    tamper(path, (db) => {
      db.execute(`update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = 33`, [ws.orgId]);
      recomputeTail(db, ws.orgId, 33);
    });
    // Without the key its stored checkpoint still fixes the hash at its sequence number.
    const result = await verifyFile(path, ws.orgId, { publicKey: key.publicKey });
    expect(result).toMatchObject({ ok: false, firstBadSequence: 1 });
    expect(result.reason).toContain(`the chain no longer matches checkpoint ${early.id} (event ${head}`);
  });

  it('names the event after an earlier checkpoint the rewritten chain still matches', async () => {
    const first = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, key);
    await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Bea' } });
    const second = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, key);
    expect(second.seq).toBe(first.seq + 1);
    const later = await copy();
    tamper(later, (db) => {
      db.execute(`update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = ?`, [ws.orgId, second.seq]);
      recomputeTail(db, ws.orgId, second.seq);
    });
    expect(await verifyFile(later, ws.orgId, { publicKey: key.publicKey })).toMatchObject({ ok: false, firstBadSequence: first.seq + 1 });
  });

  it('is caught by a checkpoint file kept elsewhere when the stored checkpoints were deleted too', async () => {
    const kept = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, key);
    const path = await copy();
    tamper(path, (db) => {
      db.execute(`update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = 20`, [ws.orgId]);
      recomputeTail(db, ws.orgId, 20);
      db.execute('delete from audit_checkpoints', []);
    });
    expect(await verifyFile(path, ws.orgId)).toMatchObject({ ok: true });
    const result = await verifyFile(path, ws.orgId, { checkpoints: [{ name: 'kept.json', checkpoint: kept, publicKey: key.publicKey }] });
    expect(result).toMatchObject({ ok: false, firstBadSequence: 1 });
    expect(result.reason).toContain('the chain no longer matches checkpoint kept.json');
  });

  it('cannot hide behind a checkpoint re-signed with another key', async () => {
    const path = await copy();
    const forger = newKeyPair();
    tamper(path, (db) => {
      db.execute(`update audit_events set actor_name = 'Someone Else' where org_id = ? and seq = 20`, [ws.orgId]);
      recomputeTail(db, ws.orgId, 20);
      db.execute('delete from audit_checkpoints', []);
    });
    // The forger signs the rewritten head with their own key.
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url: `file:${path}` });
    await signStoredCheckpoint(client, ws.orgId, forger);
    client.close();
    const result = await verifyFile(path, ws.orgId, { publicKey: key.publicKey });
    expect(result).toMatchObject({ ok: false, firstBadSequence: 1 });
    expect(result.reason).toMatch(/cannot be trusted: it is signed by key [0-9a-f]{16}, not by key [0-9a-f]{16}/);
  });

  it('refuses a checkpoint file signed by another key', async () => {
    const forger = newKeyPair();
    const forged = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, forger);
    const result = await verifyFile(await copy(), ws.orgId, { checkpoints: [{ name: 'forged.json', checkpoint: forged, publicKey: key.publicKey }] });
    expect(result.ok).toBe(false);
    expect(result.reason).toContain('checkpoint forged.json is not signed by key');
  });

  it('finds checkpoints that cover events the log no longer holds (a truncated tail, head moved back)', async () => {
    const path = await copy();
    tamper(path, (db) => {
      db.execute('delete from audit_events where org_id = ? and seq > 40', [ws.orgId]);
      db.execute('update audit_chain_heads set seq = 40, hash = (select hash from audit_events where org_id = ?1 and seq = 40) where org_id = ?1', [ws.orgId]);
    });
    const result = await verifyFile(path, ws.orgId);
    expect(result.ok).toBe(false);
    expect(result.reason).toContain('covers events the log no longer holds: it ends at 40');
  });
});
