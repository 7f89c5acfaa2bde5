import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import { canRestore } from '../../shared/restorable';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg } from '../support/second-org';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

interface RestoreResponse {
  event: AuditEvent | null;
  events: AuditEvent[];
  entity: Record<string, unknown>;
}

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

function restore(eventId: string, token: string, body: object = {}) {
  return ws.call('POST', `/api/v1/audit/${eventId}/restore`, { token, body });
}

async function patch(path: string, body: object, token = ws.tokens.agent) {
  return bodyOf<Record<string, unknown>>(await ws.call('PATCH', path, { token, body }), 200);
}

/** The newest row about `subjectId` matching `match`. */
async function lastRow(subjectId: string, match: Partial<Pick<AuditEvent, 'event' | 'property'>>): Promise<AuditEvent> {
  const rows = (await auditRowsOf(ws, subjectId)).filter(
    (r) => (match.event === undefined || r.event === match.event) && (match.property === undefined || r.property === match.property),
  );
  const row = rows.at(-1);
  if (!row) throw new Error(`no ${JSON.stringify(match)} row about ${subjectId}`);
  return row;
}

describe('restoring a value from the log', () => {
  it('puts the previous status back as a new update by the restoring user, linked to the event it reverts', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund' });
    await patch(`/api/v1/conversations/${conversation.id}`, { status: 'done' });
    const mistake = await lastRow(conversation.id, { property: 'status' });

    const res = await bodyOf<RestoreResponse>(await restore(mistake.id, ws.tokens.lead), 200);

    expect(res.entity).toMatchObject({ id: conversation.id, status: 'open' });
    expect(res.event).toMatchObject({
      event: 'update',
      category: 'conversation',
      section: 'conversation',
      property: 'status',
      before: 'done',
      after: 'open',
      actor: { type: 'user', id: ws.users.lead.id, name: ws.users.lead.name },
      subject: { type: 'conversation', id: conversation.id },
      context: { restoredFrom: mistake.id },
    });
    const stored = await bodyOf<{ status: string }>(await ws.call('GET', `/api/v1/conversations/${conversation.id}`, { token: ws.tokens.agent }), 200);
    expect(stored.status).toBe('open');
    // The history shows the mistake and its correction, nothing was rewritten.
    expect(await lastRow(conversation.id, { property: 'status' })).toEqual(res.event);
    expect((await auditRowsOf(ws, conversation.id)).find((r) => r.id === mistake.id)).toEqual(mistake);
  });

  it('applies the same derivations as an edit: restoring "open" over "snoozed" clears the snooze time', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Later' });
    await patch(`/api/v1/conversations/${conversation.id}`, { status: 'snoozed', snoozedUntil: '2030-01-01T09:00:00.000Z' });
    const snooze = await lastRow(conversation.id, { property: 'status' });

    const res = await bodyOf<RestoreResponse>(await restore(snooze.id, ws.tokens.agent), 200);

    expect(res.entity).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(res.events.map((e) => [e.property, e.before, e.after])).toEqual(
      expect.arrayContaining([
        ['status', 'snoozed', 'open'],
        ['snoozedUntil', '2030-01-01T09:00:00.000Z', null],
      ]),
    );
    expect(res.events).toHaveLength(2);
    expect(new Set(res.events.map((e) => e.changeId)).size).toBe(1);
    for (const e of res.events) expect(e.context).toEqual({ restoredFrom: snooze.id });
  });

  it('answers 409 with the current value when the property changed since the event, and changes nothing', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Priority' });
    await patch(`/api/v1/conversations/${conversation.id}`, { priority: 'high' });
    const first = await lastRow(conversation.id, { property: 'priority' });
    await patch(`/api/v1/conversations/${conversation.id}`, { priority: 'urgent' });
    const rowsBefore = await auditRowsOf(ws, conversation.id);

    const res = await bodyOf<ErrorBody>(await restore(first.id, ws.tokens.agent), 409);

    expect(res.error.code).toBe('conflict');
    expect(res.error.details).toEqual({ current: 'urgent', before: 'normal', after: 'high' });
    expect(await auditRowsOf(ws, conversation.id)).toEqual(rowsBefore);
  });

  it('overwrites a value changed since the event when forced', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Priority' });
    await patch(`/api/v1/conversations/${conversation.id}`, { priority: 'high' });
    const first = await lastRow(conversation.id, { property: 'priority' });
    await patch(`/api/v1/conversations/${conversation.id}`, { priority: 'urgent' });

    const res = await bodyOf<RestoreResponse>(await restore(first.id, ws.tokens.agent, { force: true }), 200);

    expect(res.entity).toMatchObject({ priority: 'normal' });
    // The new row records what it really replaced: the current value, not the event's `after`.
    expect(res.event).toMatchObject({ property: 'priority', before: 'urgent', after: 'normal', context: { restoredFrom: first.id } });
  });

  it('puts a custom attribute back, and removes one that the event added', async () => {
    const customer = await bodyOf<{ id: string }>(
      await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana', custom: { plan: 'gold' } } }),
      201,
    );
    await patch(`/api/v1/customers/${customer.id}`, { custom: { plan: 'platinum', region: 'emea' } });
    const planChange = await lastRow(customer.id, { property: 'custom.plan' });
    const regionAdded = await lastRow(customer.id, { property: 'custom.region' });

    const plan = await bodyOf<RestoreResponse>(await restore(planChange.id, ws.tokens.agent), 200);
    expect(plan.entity.custom).toEqual({ plan: 'gold', region: 'emea' });
    expect(plan.event).toMatchObject({ property: 'custom.plan', before: 'platinum', after: 'gold' });

    const region = await bodyOf<RestoreResponse>(await restore(regionAdded.id, ws.tokens.agent), 200);
    expect(region.entity.custom).toEqual({ plan: 'gold' });
    expect(region.event).toMatchObject({ property: 'custom.region', before: 'emea', after: null });
  });

  it('needs no body: force defaults to false', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund' });
    await patch(`/api/v1/conversations/${conversation.id}`, { priority: 'low' });
    const change = await lastRow(conversation.id, { property: 'priority' });
    const res = await ws.call('POST', `/api/v1/audit/${change.id}/restore`, { token: ws.tokens.agent });
    expect((await bodyOf<RestoreResponse>(res, 200)).entity).toMatchObject({ priority: 'normal' });
  });

  it('lets an admin restore a settings change, filed where the original was', async () => {
    const shortcut = await createAsAdmin<{ id: string }>(ws, '/api/v1/shortcuts', { name: 'Close', message: 'Done.' });
    await patch(`/api/v1/shortcuts/${shortcut.id}`, { name: 'Close politely' }, ws.tokens.admin);
    const rename = await lastRow(shortcut.id, { property: 'name' });

    const res = await bodyOf<RestoreResponse>(await restore(rename.id, ws.tokens.admin), 200);

    expect(res.entity).toMatchObject({ name: 'Close' });
    expect(res.event).toMatchObject({ category: 'settings', section: 'shortcut', before: 'Close politely', after: 'Close' });
  });
});

describe('restore refusals', () => {
  async function expectRefused(eventId: string, token = ws.tokens.admin) {
    const res = await bodyOf<ErrorBody>(await restore(eventId, token), 400);
    expect(res.error.code).toBe('invalid_request');
    expect(res.error.message).toMatch(/cannot be restored/);
  }

  it('refuses creates and deletes', async () => {
    const customer = await bodyOf<{ id: string }>(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } }), 201);
    await expectRefused((await lastRow(customer.id, { event: 'create' })).id);
    expect((await ws.call('DELETE', `/api/v1/customers/${customer.id}`, { token: ws.tokens.agent })).status).toBe(204);
    await expectRefused((await lastRow(customer.id, { event: 'delete' })).id);
  });

  it('refuses sign-in events', async () => {
    await expectRefused((await lastRow(ws.users.admin.id, { event: 'login' })).id);
  });

  it('refuses merges', async () => {
    const make = async (name: string) =>
      bodyOf<{ id: string }>(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201);
    const [source, target] = [await make('Ana'), await make('Ana Ruiz')];
    await bodyOf(await ws.call('POST', `/api/v1/customers/${source.id}/merge`, { token: ws.tokens.agent, body: { targetId: target.id } }), 200);
    await expectRefused((await lastRow(target.id, { event: 'merge' })).id);
  });

  it('refuses redactions and the rows whose values a redaction removed', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Card' });
    const message = await bodyOf<{ id: string }>(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: ws.tokens.agent, body: { body: 'card 4111', direction: 'in' } }),
      201,
    );
    await patch(`/api/v1/messages/${message.id}`, { body: 'card 4111 again' });
    const edit = await lastRow(message.id, { event: 'update', property: 'body' });
    await bodyOf(await ws.call('POST', `/api/v1/messages/${message.id}/redact`, { token: ws.tokens.lead }), 200);

    await expectRefused((await lastRow(message.id, { event: 'redact' })).id);
    await expectRefused(edit.id);
    expect(JSON.stringify(await auditRowsOf(ws, message.id))).not.toContain('4111');
  });
});

describe('who may restore', () => {
  it('forbids an agent from restoring a settings event, and records the attempt', async () => {
    const shortcut = await createAsAdmin<{ id: string }>(ws, '/api/v1/shortcuts', { name: 'Close', message: 'Done.' });
    await patch(`/api/v1/shortcuts/${shortcut.id}`, { name: 'Close politely' }, ws.tokens.admin);
    const rename = await lastRow(shortcut.id, { property: 'name' });

    const res = await bodyOf<ErrorBody>(await restore(rename.id, ws.tokens.agent), 403);

    expect(res.error.code).toBe('forbidden');
    const denied = await lastRow(ws.users.agent.id, { event: 'access_denied' });
    expect(denied.context).toMatchObject({ method: 'POST', route: '/api/v1/audit/:id/restore' });
    expect(await lastRow(shortcut.id, { property: 'name' })).toEqual(rename);
  });

  it("forbids an agent from restoring a conversation's routing event, which the panel does not offer them either", async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Routed' });
    await bodyOf(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/routing/assign`, {
        token: ws.tokens.lead,
        body: { assignedUsers: [ws.users.agent.id] },
      }),
      200,
    );
    const assignment = await lastRow(conversation.id, { event: 'assigned' });
    expect(assignment.category).toBe('work_session');
    expect(canRestore(assignment, 'agent')).toBe(false);

    const res = await bodyOf<ErrorBody>(await restore(assignment.id, ws.tokens.agent), 403);

    expect(res.error.code).toBe('forbidden');
    const denied = await lastRow(ws.users.agent.id, { event: 'access_denied' });
    expect(denied.context).toMatchObject({ route: '/api/v1/audit/:id/restore', permission: 'audit:work_session' });
    expect(await lastRow(conversation.id, { event: 'assigned' })).toEqual(assignment);
  });

  it("lets a lead restore a conversation's routing event, as the panel offers them", async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Routed' });
    await ws.call('POST', `/api/v1/conversations/${conversation.id}/routing/assign`, {
      token: ws.tokens.lead,
      body: { assignedUsers: [ws.users.agent.id] },
    });
    const assignment = await lastRow(conversation.id, { event: 'assigned' });
    expect(canRestore(assignment, 'lead')).toBe(true);

    const res = await bodyOf<RestoreResponse>(await restore(assignment.id, ws.tokens.lead), 200);

    expect(res.entity).toMatchObject({ assignedUsers: [] });
  });

  it("answers 404 for another workspace's event, as for an unknown one", async () => {
    const other = await createSecondOrg(ws);
    const [foreign] = await ws.deps.db.reader
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, other.orgId), eq(auditEvents.subjectId, other.ids.customer)));

    const res = await bodyOf<ErrorBody>(await restore(foreign!.id, ws.tokens.admin), 404);
    expect(res.error.code).toBe('not_found');
    await bodyOf(await restore(ws.deps.newId(), ws.tokens.admin), 404);
  });
});
