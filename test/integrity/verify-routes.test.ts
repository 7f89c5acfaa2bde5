import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointBody, IntegrityStatusBody, VerificationBody, VerificationListBody } from '../../shared/api-client-integrity-responses';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg, type SecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let other: SecondOrg;
beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createSecondOrg(ws);
});
afterAll(() => ws.close());

const admin = (method: string, path: string) => ws.call(method, `/api/v1/audit${path}`, { token: ws.tokens.admin });
const verify = async (query = '') => v.parse(VerificationBody, await bodyOf(await admin('GET', `/verify${query}`), 200));
const headSeq = async () => Number((await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_chain_heads where org_id = ?', args: [ws.orgId] })).rows[0]![0]);
const addCustomer = async (name: string) => bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201);

describe('GET /audit/verify', () => {
  it('verifies the whole chain the first time, records the run and answers it', async () => {
    await addCustomer('Ana');
    const head = await headSeq();
    const run = await verify();
    expect(run).toMatchObject({ ok: true, trigger: 'demand', checked: head, fromSequence: 1, toSequence: head, firstBadSequence: null, reason: null, checkpointId: null });
    const { items } = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications'), 200));
    expect(items[0]).toEqual(run);
  });

  it('starts from the checkpoint the last good run reached, and checks it all again with full=true', async () => {
    const checkpoint = v.parse(CheckpointBody, await bodyOf(await admin('POST', '/checkpoints'), 201));
    const reached = await verify();
    expect(reached).toMatchObject({ ok: true, checkpointId: checkpoint.id });
    await addCustomer('Bo');
    await addCustomer('Cy');
    const head = await headSeq();
    const incremental = await verify();
    expect(incremental).toMatchObject({ ok: true, fromSequence: checkpoint.seq + 1, toSequence: head, checked: head - checkpoint.seq, checkpointId: checkpoint.id });
    expect(await verify('?full=true')).toMatchObject({ ok: true, fromSequence: 1, checked: head });
  });

  it('shares one run between requests that arrive together', async () => {
    const before = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications?limit=100'), 200)).items.length;
    const [a, b] = await Promise.all([verify('?full=true'), verify('?full=true')]);
    expect(a.id).toBe(b.id);
    const after = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications?limit=100'), 200)).items.length;
    expect(after).toBe(before + 1);
  });

  it('reports an event changed in place, and after a failed run checks the whole chain again', async () => {
    await addCustomer('Di');
    const target = (await headSeq()) - 1;
    const writer = ws.deps.db.writerClient;
    // As an attacker with the database would: lift the trigger, change a row, put the trigger back.
    const trigger = (await writer.execute(`select sql from sqlite_master where name = 'audit_events_append_only_update'`)).rows[0]![0] as string;
    await writer.execute('drop trigger audit_events_append_only_update');
    await writer.execute({ sql: `update audit_events set subject_label = 'Someone else' where org_id = ? and seq = ?`, args: [ws.orgId, target] });
    await writer.execute(trigger);
    const found = await verify();
    expect(found).toMatchObject({ ok: false, firstBadSequence: target, reason: `event ${target} does not match its hash: it was changed, moved or inserted` });
    const again = await verify();
    expect(again).toMatchObject({ ok: false, firstBadSequence: target, fromSequence: 1 });
  });

  it('answers 400 to a full flag that is not true or false', async () => {
    const res = await admin('GET', '/verify?full=yes');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });
});

describe('GET /audit/verifications', () => {
  it('lists runs newest first, as many as asked, none of another workspace', async () => {
    await bodyOf(await ws.call('GET', '/api/v1/audit/verify', { token: other.tokens.admin }), 200);
    const { items } = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications?limit=2'), 200));
    expect(items).toHaveLength(2);
    expect(items[0]!.finishedAt >= items[1]!.finishedAt).toBe(true);
    const all = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications?limit=100'), 200)).items;
    const theirs = v.parse(VerificationListBody, await bodyOf(await ws.call('GET', '/api/v1/audit/verifications', { token: other.tokens.admin }), 200)).items;
    expect(theirs).toHaveLength(1);
    expect(all.map((run) => run.id)).not.toContain(theirs[0]!.id);
  });

  it('answers 400 to a limit outside 1–100', async () => {
    expect((await admin('GET', '/verifications?limit=0')).status).toBe(400);
    expect((await admin('GET', '/verifications?limit=101')).status).toBe(400);
  });
});

describe('GET /audit/integrity', () => {
  it('shows the head, the last run, the latest checkpoint, the key and the schedule', async () => {
    const status = v.parse(IntegrityStatusBody, await bodyOf(await admin('GET', '/integrity'), 200));
    const latest = v.parse(CheckpointBody, await bodyOf(await admin('GET', '/checkpoints/latest'), 200));
    const runs = v.parse(VerificationListBody, await bodyOf(await admin('GET', '/verifications?limit=1'), 200)).items;
    expect(status).toEqual({
      head: { seq: await headSeq(), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      anchor: null,
      lastVerification: runs[0],
      latestCheckpoint: latest,
      signingKey: { algorithm: 'Ed25519', keyId: ws.deps.signing.keyId, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') },
      schedule: ws.deps.schedule,
    });
  });
});
