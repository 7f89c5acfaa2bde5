import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateEntity } from '../../backend/audit/engine';
import { WriteQueue } from '../../backend/db/write-queue';
import { conversationEntity } from '../../backend/entities/conversations/definition';
import { auditRowsOf } from '../support/audit-rows';
import { countingRequests } from '../support/counting-requests';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { verifyWithVerifier } from '../support/recompute-chain';
import { type Sqld, startSqld } from '../support/sqld';

/**
 * The audit engine's statements on a real libSQL server, where every request
 * is a round trip: an audited change sends a request per read it makes, and
 * its writes (the row, the chain head, the audit rows) travel with them.
 */
let sqld: Sqld;
let ws: TestWorkspace;

beforeAll(async () => {
  sqld = await startSqld();
  ws = await createTestWorkspace({ databaseUrl: sqld.url });
}, 30_000);

afterAll(async () => {
  ws?.close();
  await sqld?.stop();
}, 15_000);

describe('an audited change on a libSQL server', () => {
  it('costs three requests in a group (the object, the chain head, the watches), and the group one commit', { timeout: 20_000 }, async () => {
    const { id } = await createCustomerAndConversation(ws, { name: 'Refund' });
    const counting = countingRequests(createClient({ url: sqld.url }));
    const queue = new WriteQueue(counting.client);
    const ctx = ws.systemCtx();
    try {
      await Promise.all([1, 2, 3].map((step) => queue.run((tx) => updateEntity(tx, ctx, conversationEntity, id, { custom: { step } }))));
      expect(counting.count).toBe(3 * 3 + 1);
    } finally {
      counting.client.close();
    }

    // Each change recorded once, in order, each `before` the previous `after`, and the chain whole.
    const steps = (await auditRowsOf(ws, id)).filter((row) => row.property === 'custom.step');
    expect(steps.map((row) => [row.before, row.after])).toEqual([
      [null, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true });
  });
});
