import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
let customerId: string;
beforeEach(async () => {
  ws = await createTestWorkspace();
  customerId = ((await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana Ruiz' } })).json()) as {
    id: string;
  }).id;
});
afterEach(() => ws.close());

async function newConversation(name: string, token = ws.tokens.agent) {
  const res = await ws.call('POST', '/api/v1/conversations', { token, body: { customerId, name } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

async function history(conversationId: string): Promise<AuditEvent[]> {
  const res = await ws.call('GET', `/api/v1/conversations/${conversationId}/audit`, { token: ws.tokens.agent });
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

describe('conversations', () => {
  it('records status, priority, tags and assignment changes with before and after', async () => {
    const { id } = await newConversation('Refund for order 1182');
    const res = await ws.call('PATCH', `/api/v1/conversations/${id}`, {
      token: ws.tokens.agent,
      body: { status: 'done', endedReason: 'Refunded', priority: 'high', tags: ['refund'], assignedUsers: [ws.users.agent.id] },
    });
    expect(res.status).toBe(200);
    const rows = (await history(id)).filter((e) => e.event === 'update');
    expect(rows.map((e) => [e.property, e.before, e.after]).sort()).toEqual(
      [
        ['assignedUsers', [], [ws.users.agent.id]],
        ['endedReason', null, 'Refunded'],
        ['priority', 'normal', 'high'],
        ['status', 'open', 'done'],
        ['tags', [], ['refund']],
      ].sort(),
    );
    expect(rows.every((e) => e.category === 'conversation' && e.section === 'conversation')).toBe(true);
    expect(rows[0]!.subject).toEqual({ type: 'conversation', id, label: 'Refund for order 1182' });
    expect(rows[0]!.customerId).toBe(customerId);
  });

  it('clears the wake-up time when a snoozed conversation is reopened', async () => {
    const { id } = await newConversation('Waiting on carrier');
    await ws.call('PATCH', `/api/v1/conversations/${id}`, {
      token: ws.tokens.agent,
      body: { status: 'snoozed', snoozedUntil: '2026-12-01T09:00:00.000Z' },
    });
    const reopened = await ws.call('PATCH', `/api/v1/conversations/${id}`, { token: ws.tokens.agent, body: { status: 'open' } });
    expect(((await reopened.json()) as { snoozedUntil: unknown }).snoozedUntil).toBeNull();
    const [latest, previous] = (await history(id)).filter((e) => e.event === 'update').slice(0, 2);
    expect([latest?.property, previous?.property].sort()).toEqual(['snoozedUntil', 'status']);
  });

  it('records a merge on both conversations with the other one’s name and moves the messages', async () => {
    const source = await newConversation('Duplicate: where is my parcel');
    const target = await newConversation('Where is my parcel');
    await ws.call('POST', `/api/v1/conversations/${source.id}/messages`, { token: ws.tokens.agent, body: { body: 'Hello', direction: 'in' } });

    const res = await ws.call('POST', `/api/v1/conversations/${source.id}/merge`, { token: ws.tokens.agent, body: { targetId: target.id } });
    expect(res.status).toBe(200);

    const [sourceMerge] = (await history(source.id)).filter((e) => e.event === 'merge');
    const [targetMerge] = (await history(target.id)).filter((e) => e.event === 'merge' && e.subject.id === target.id);
    expect(sourceMerge).toMatchObject({ property: 'mergedInto', after: { id: target.id, label: 'Where is my parcel' } });
    expect(targetMerge).toMatchObject({ property: 'mergedFrom', after: { id: source.id, label: 'Duplicate: where is my parcel' } });
    expect(sourceMerge!.changeId).toBe(targetMerge!.changeId);

    const messages = (await (await ws.call('GET', `/api/v1/conversations/${target.id}/messages`, { token: ws.tokens.agent })).json()) as {
      items: unknown[];
    };
    expect(messages.items).toHaveLength(1);
    expect((await ws.call('GET', `/api/v1/conversations/${source.id}`, { token: ws.tokens.agent })).status).toBe(404);
    // The merged conversation's history stays readable.
    expect((await history(source.id)).length).toBeGreaterThan(0);
  });

  it('records an SLA breach as its own event', async () => {
    const { id } = await newConversation('Slow reply');
    const res = await ws.call('POST', `/api/v1/conversations/${id}/sla-breach`, { token: ws.tokens.agent, body: { sla: 'first_response' } });
    expect(res.status).toBe(200);
    const [breach] = await history(id);
    expect(breach).toMatchObject({ event: 'sla_breach', property: 'slaBreachedAt', before: null, context: { sla: 'first_response' } });
  });

  it('records a delete with the last snapshot and answers 404 afterwards', async () => {
    const { id } = await newConversation('Spam');
    expect((await ws.call('DELETE', `/api/v1/conversations/${id}`, { token: ws.tokens.agent })).status).toBe(204);
    const [deletion] = await history(id);
    expect(deletion).toMatchObject({ event: 'delete', after: null, before: { name: 'Spam', status: 'open' } });
    expect((await ws.call('PATCH', `/api/v1/conversations/${id}`, { token: ws.tokens.agent, body: { name: 'x' } })).status).toBe(404);
  });

  it('records message creation and edits in the conversation history', async () => {
    const { id } = await newConversation('Question');
    const message = (await (
      await ws.call('POST', `/api/v1/conversations/${id}/messages`, { token: ws.tokens.agent, body: { body: 'Hi there' } })
    ).json()) as { id: string; author: unknown };
    expect(message.author).toEqual({ type: 'user', id: ws.users.agent.id, name: ws.users.agent.name });
    await ws.call('PATCH', `/api/v1/messages/${message.id}`, { token: ws.tokens.agent, body: { body: 'Hi there!' } });
    const [edit, create] = (await history(id)).filter((e) => e.section === 'message');
    expect(edit).toMatchObject({ event: 'update', property: 'body', before: 'Hi there', after: 'Hi there!' });
    expect(create).toMatchObject({ event: 'create', subject: { type: 'message', id: message.id, label: 'Outbound email message' } });
  });
});

describe('customers merge', () => {
  it('moves the conversations, keeps every email and records both sides', async () => {
    const other = ((await (
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana R.', emails: ['ana@work.example'] } })
    ).json()) as { id: string }).id;
    const conversation = (await (
      await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: other, name: 'Invoice' } })
    ).json()) as { id: string };

    const res = await ws.call('POST', `/api/v1/customers/${other}/merge`, { token: ws.tokens.agent, body: { targetId: customerId } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { emails: string[] }).emails).toEqual(['ana@work.example']);

    const moved = await history(conversation.id);
    expect(moved[0]).toMatchObject({ property: 'customerId', before: other, after: customerId });
    const targetHistory = (await (await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: ws.tokens.agent })).json()) as {
      items: AuditEvent[];
    };
    expect(targetHistory.items.find((e) => e.property === 'mergedFrom')).toMatchObject({ event: 'merge', after: { id: other, label: 'Ana R.' } });
  });

  it('refuses to merge a customer into itself', async () => {
    const res = await ws.call('POST', `/api/v1/customers/${customerId}/merge`, { token: ws.tokens.agent, body: { targetId: customerId } });
    expect(res.status).toBe(400);
  });
});
