import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { recomputeChain } from '../support/recompute-chain';

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-chain-'));
let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'test.db')}` });
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the hash chain written with each audit row', () => {
  it('numbers concurrent writes 1, 2, 3… and links each to the one before from its stored fields', async () => {
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
      id: string;
    };
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ws.call('PATCH', `/api/v1/customers/${customer.id}`, { token: ws.tokens.agent, body: { custom: { n: i, nested: { z: i, a: [i] } } } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    const seqs = await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_events where org_id = ? order by seq', args: [ws.orgId] });
    expect(seqs.rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: seqs.rows.length }, (_, i) => i + 1));
    expect(seqs.rows.length).toBeGreaterThan(40);
    // Every link and the head are reached from the stored fields alone.
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true, checked: seqs.rows.length, tombstones: 0 });
  });
});
