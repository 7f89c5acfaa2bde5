import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferOf } from '../../backend/audit/chain/append';
import { canonicalEventText, type ChainedFields } from '../../backend/audit/chain/canonical';
import { chainHash, GENESIS_HASH, leafHash } from '../../backend/audit/chain/links';
import { parseSeals, storedCommitment } from '../../backend/audit/chain/seals';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-chain-'));
let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'test.db')}` });
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

type StoredRow = ChainedFields & { before: string | null; after: string | null; hash: Buffer; seals: string | null };

async function chainOf(orgId: string): Promise<StoredRow[]> {
  const result = await ws.deps.db.writerClient.execute({
    sql: `select org_id, seq, id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id,
                 subject_label, customer_id, conversation_id, property, change_id, context, request_id, ip, user_agent, api_key_id,
                 before, after, hash, seals
          from audit_events where org_id = ? order by seq`,
    args: [orgId],
  });
  return result.rows.map((r) => ({
    orgId: r[0] as string,
    seq: Number(r[1]),
    id: r[2] as string,
    occurredAt: Number(r[3]),
    actorType: r[4] as string,
    actorId: r[5] as string | null,
    actorName: r[6] as string,
    event: r[7] as string,
    category: r[8] as string,
    section: r[9] as string,
    subjectType: r[10] as string,
    subjectId: r[11] as string,
    subjectLabel: r[12] as string,
    customerId: r[13] as string | null,
    conversationId: r[14] as string | null,
    property: r[15] as string | null,
    changeId: r[16] as string,
    context: r[17] as string | null,
    requestId: r[18] as string | null,
    ip: r[19] as string | null,
    userAgent: r[20] as string | null,
    apiKeyId: r[21] as string | null,
    before: r[22] as string | null,
    after: r[23] as string | null,
    hash: bufferOf(r[24]),
    seals: r[25] as string | null,
  }));
}

describe('the hash chain written with each audit row', () => {
  it('numbers concurrent writes 1, 2, 3… and links each to the one before from its stored fields', async () => {
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
      id: string;
    };
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ws.call('PATCH', `/api/v1/customers/${customer.id}`, { token: ws.tokens.agent, body: { custom: { n: i, nested: { z: i, a: [i] } } } }),
      ),
    );
    const rows = await chainOf(ws.orgId);
    expect(rows.length).toBeGreaterThan(40);
    let previous = GENESIS_HASH;
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      const seals = parseSeals(row.seals);
      const text = canonicalEventText(row, storedCommitment(row.property, row.before, seals.b), storedCommitment(row.property, row.after, seals.a));
      previous = chainHash(previous, leafHash(text));
      expect(row.hash.equals(previous)).toBe(true);
    });
    const head = await ws.deps.db.writerClient.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [ws.orgId] });
    expect(Number(head.rows[0]![0])).toBe(rows.length);
    expect(bufferOf(head.rows[0]![1]).equals(previous)).toBe(true);
  });
});
