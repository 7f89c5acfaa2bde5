import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

// A file database: the production mode, with separate reader and writer connections.
const dir = mkdtempSync(join(tmpdir(), 'auditdesk-concurrency-'));
let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'test.db')}` });
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allHistory(conversationId: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=200&cursor=${cursor}` : '?limit=200';
    const res = await ws.call('GET', `/api/v1/conversations/${conversationId}/audit${query}`, { token: ws.tokens.agent });
    const page = (await res.json()) as { items: AuditEvent[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('concurrent writes', () => {
  it('commits 100 parallel PATCHes on one conversation as 100 changes whose before is the previous after', async () => {
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
      id: string;
    };
    const conversation = (await (
      await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: customer.id, name: 'Order 1182' } })
    ).json()) as { id: string };

    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, {
          token: i % 2 ? ws.tokens.agent : ws.tokens.lead,
          body: { custom: { counter: i } },
        }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    const updates = (await allHistory(conversation.id)).filter((e) => e.property === 'custom.counter').reverse();
    expect(updates).toHaveLength(100);
    expect(new Set(updates.map((e) => e.changeId)).size).toBe(100);
    expect(updates[0]!.before).toBeNull();
    for (let i = 1; i < updates.length; i++) expect(updates[i]!.before).toEqual(updates[i - 1]!.after);
    expect(new Set(updates.map((e) => e.after)).size).toBe(100);
  });

  it('gives each request of one group commit its own error without failing the others', async () => {
    const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Bo' } })).json()) as {
      id: string;
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ws.call('POST', '/api/v1/conversations', {
          token: ws.tokens.agent,
          // every fourth request names a customer that does not exist
          body: { customerId: i % 4 === 0 ? '01ARZ3NDEKTSV4RRFFQ69G5FAV' : customer.id, name: `Conversation ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 400 : 201)));
    const list = (await (await ws.call('GET', '/api/v1/conversations?limit=200&q=Conversation', { token: ws.tokens.agent })).json()) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(15);
  });
});
