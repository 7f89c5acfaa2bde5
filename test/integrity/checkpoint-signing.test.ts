import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { checkpointDigest, openCheckpoint } from '../../backend/audit/chain/checkpoint';
import { generateSigningKey } from '../../backend/audit/checkpoints/key';
import { signCheckpointNow } from '../../backend/audit/checkpoints/sign';
import { organizations } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

async function head(orgId: string): Promise<{ seq: number; hash: string }> {
  const { rows } = await ws.deps.db.writerClient.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [orgId] });
  return { seq: Number(rows[0]![0]), hash: bufferOf(rows[0]![1]).toString('hex') };
}

async function addCustomer(name: string) {
  const res = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } });
  expect(res.status).toBe(201);
}

describe('signCheckpointNow', () => {
  it('signs the chain head: its sequence number and hash, the time, the key id and no previous digest for the first, in a payload the public key opens', async () => {
    await addCustomer('Ana');
    const row = (await signCheckpointNow(ws.deps, ws.orgId, 'demand'))!;
    const expected = await head(ws.orgId);
    expect(row).toMatchObject({ orgId: ws.orgId, seq: expected.seq, hash: expected.hash, keyId: ws.deps.signing.keyId, reason: 'demand' });
    expect(openCheckpoint(ws.deps.signing.publicKey, row)).toEqual({
      v: 1,
      orgId: ws.orgId,
      seq: expected.seq,
      hash: expected.hash,
      signedAt: new Date(row.signedAt).toISOString(),
      previous: null,
      keyId: ws.deps.signing.keyId,
    });
    expect(row.digest).toBe(checkpointDigest(row.payload));
  });

  it('is refused by another key, and by its own key once the payload is changed', async () => {
    const row = (await signCheckpointNow(ws.deps, ws.orgId, 'schedule'))!;
    expect(openCheckpoint(generateSigningKey().publicKey, row)).toBeNull();
    const altered = row.payload.replace(`"seq":${row.seq}`, `"seq":${row.seq + 1}`);
    expect(altered).not.toBe(row.payload);
    expect(openCheckpoint(ws.deps.signing.publicKey, { payload: altered, signature: row.signature })).toBeNull();
  });

  it('chains each checkpoint of a workspace to the one before by its digest', async () => {
    const first = (await signCheckpointNow(ws.deps, ws.orgId, 'demand'))!;
    await addCustomer('Bo');
    const second = (await signCheckpointNow(ws.deps, ws.orgId, 'schedule'))!;
    const third = (await signCheckpointNow(ws.deps, ws.orgId, 'demand'))!;
    expect(second.previous).toBe(first.digest);
    expect(third.previous).toBe(second.digest);
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(third.seq).toBe(second.seq);
    expect(JSON.parse(third.payload).previous).toBe(second.digest);
  });

  it('keeps one chain when several are signed at once, each strictly later than the one before', async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, () => signCheckpointNow(ws.deps, ws.orgId, 'demand')));
    const byTime = rows.map((r) => r!).sort((a, b) => a.signedAt - b.signedAt);
    for (let i = 1; i < byTime.length; i++) {
      expect(byTime[i]!.previous).toBe(byTime[i - 1]!.digest);
      expect(byTime[i]!.signedAt).toBeGreaterThan(byTime[i - 1]!.signedAt);
    }
  });

  it('signs after the previous checkpoint even when the clock went back', async () => {
    const before = (await signCheckpointNow(ws.deps, ws.orgId, 'demand'))!;
    const late = { ...ws.deps, now: () => new Date(before.signedAt - 60_000) };
    const after = (await signCheckpointNow(late, ws.orgId, 'demand'))!;
    expect(after.signedAt).toBe(before.signedAt + 1);
    expect(after.previous).toBe(before.digest);
  });

  it('signs nothing for a workspace with no event yet', async () => {
    const orgId = ws.deps.newId();
    await ws.deps.writes.run((tx) => tx.insert(organizations).values({ id: orgId, name: 'Empty', createdAt: ws.deps.now() }));
    expect(await signCheckpointNow(ws.deps, orgId, 'demand')).toBeNull();
    const { rows } = await ws.deps.db.writerClient.execute({ sql: 'select count(*) from audit_checkpoints where org_id = ?', args: [orgId] });
    expect(Number(rows[0]![0])).toBe(0);
  });
});
