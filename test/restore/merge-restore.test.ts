import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateEntity } from '../../backend/audit/engine';
import { conversationEntity } from '../../backend/entities/conversations/definition';
import { isRestorable } from '../../shared/restorable';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const post = async <T>(path: string, body: object) => bodyOf<T>(await ws.call('POST', path, { token: ws.tokens.agent, body }), 201);
const restore = (eventId: string) => ws.call('POST', `/api/v1/audit/${eventId}/restore`, { token: ws.tokens.agent, body: { force: true } });
const customerOf = async (conversationId: string) =>
  (await bodyOf<{ customerId: string }>(await ws.call('GET', `/api/v1/conversations/${conversationId}`, { token: ws.tokens.agent }), 200)).customerId;

describe('restoring what a customer merge moved', () => {
  it('refuses to point a moved conversation back at the merged-away customer, and changes nothing', async () => {
    const original = await post<{ id: string }>('/api/v1/customers', { name: 'Ana Ruiz', emails: ['ana@home.example'] });
    const duplicate = await post<{ id: string }>('/api/v1/customers', { name: 'Ana R.', emails: ['ana@work.example'] });
    const conversation = await post<{ id: string }>('/api/v1/conversations', { customerId: duplicate.id, name: 'Invoice' });
    await bodyOf(await ws.call('POST', `/api/v1/customers/${duplicate.id}/merge`, { token: ws.tokens.agent, body: { targetId: original.id } }), 200);

    const move = (await auditRowsOf(ws, conversation.id)).find((r) => r.property === 'customerId')!;
    const emails = (await auditRowsOf(ws, original.id)).find((r) => r.property === 'emails')!;
    const rowsBefore = [...(await auditRowsOf(ws, conversation.id)), ...(await auditRowsOf(ws, original.id))];

    for (const row of [move, emails]) {
      // The panel's rule and the backend agree.
      expect(isRestorable(row)).toBe(false);
      const res = await bodyOf<ErrorBody>(await restore(row.id), 400);
      expect(res.error.code).toBe('invalid_request');
      expect(res.error.message).toMatch(/cannot be restored/);
    }
    expect(await customerOf(conversation.id)).toBe(original.id);
    expect([...(await auditRowsOf(ws, conversation.id)), ...(await auditRowsOf(ws, original.id))]).toEqual(rowsBefore);
  });

  it('refuses to restore a customer that was deleted since, naming the property', async () => {
    const first = await post<{ id: string }>('/api/v1/customers', { name: 'Ana' });
    const second = await post<{ id: string }>('/api/v1/customers', { name: 'Bea' });
    const conversation = await post<{ id: string }>('/api/v1/conversations', { customerId: first.id, name: 'Invoice' });
    // A move recorded as a plain update, as customer merges recorded them before they were marked.
    await ws.deps.writes.run((tx) => updateEntity(tx, ws.systemCtx(), conversationEntity, conversation.id, { customerId: second.id }));
    expect((await ws.call('DELETE', `/api/v1/customers/${first.id}`, { token: ws.tokens.agent })).status).toBe(204);
    const move = (await auditRowsOf(ws, conversation.id)).find((r) => r.property === 'customerId')!;
    const rowsBefore = await auditRowsOf(ws, conversation.id);

    const res = await bodyOf<ErrorBody>(await restore(move.id), 400);

    expect(res.error.code).toBe('invalid_request');
    expect(res.error.message).toMatch(/^customerId names something that does not exist/);
    expect(await customerOf(conversation.id)).toBe(second.id);
    expect(await auditRowsOf(ws, conversation.id)).toEqual(rowsBefore);
  });
});
