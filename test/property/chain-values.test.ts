import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerQuery } from '../../backend/audit/verify/source';
import { verifyChain } from '../../backend/audit/verify/verify-chain';
import { verifyExportText } from '../../backend/audit/verify/export-lines';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { customAttributes } from './arbitraries';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Whatever JSON values the API accepts, the chain they are written into
 * verifies: from the stored rows (their text and seals), and from a JSON
 * Lines export, where each value is parsed and put back in canonical form.
 * Odd keys, astral text, -0, 1e21 and deep nesting included.
 */
let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

async function send(method: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await ws.call(method, path, { token: ws.tokens.agent, body });
  const answer = await res.text();
  expect(res.status, answer).toBeLessThan(300);
  return JSON.parse(answer) as { id: string };
}

describe('values written through the API', () => {
  it(
    'verify in the chain and in an export',
    async () => {
      await fc.assert(
        fc.asyncProperty(customAttributes, customAttributes, async (created, changed) => {
          const customer = await send('POST', '/api/v1/customers', { name: 'Ana', custom: created });
          await send('PATCH', `/api/v1/customers/${customer.id}`, { custom: changed });
          const chain = await verifyChain(readerQuery(ws.deps.db.reader), ws.orgId, { publicKey: ws.deps.signing.publicKey });
          expect(chain).toMatchObject({ ok: true, reason: null });
          const exported = await (await ws.call('GET', `/api/v1/audit/export?format=jsonl&customer=${customer.id}`, { token: ws.tokens.admin })).text();
          const proof = verifyExportText(exported, ws.deps.signing.publicKey);
          expect(proof).toMatchObject({ ok: true, reason: null });
          expect(proof.checked).toBeGreaterThanOrEqual(2);
        }),
        runs(12),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
