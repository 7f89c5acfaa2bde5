import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { allPages, page, recordRow } from './fixtures';

let ws: TestWorkspace;
let conversation: { id: string; customerId: string };

beforeEach(async () => {
  ws = await createTestWorkspace();
  conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' }, 'Ana Ruiz');
  const links = { customerId: conversation.customerId, conversationId: conversation.id };
  // Every category carries the word "refund", so a search cannot tell them apart by text.
  await recordRow(ws, 'admin', { category: 'settings', section: 'shortcut', subject: { type: 'shortcut', id: ws.deps.newId(), label: 'Refund macro' } });
  await recordRow(ws, 'admin', { category: 'billing', section: 'billing', subject: { type: 'billing_account', id: ws.orgId, label: 'Refund credits' } });
  await recordRow(ws, 'lead', {
    category: 'work_session',
    section: 'routing',
    event: 'assigned',
    subject: { type: 'conversation', id: conversation.id, label: 'Refund for order 1182' },
    links,
    property: 'assignedUsers',
  });
});
afterEach(() => ws.close());

describe('role scoping of the log', () => {
  it('shows an agent only customer and conversation rows, on the log and in search', async () => {
    for (const query of ['', '?q=refund', `?actor=${ws.users.admin.id}`]) {
      const rows = await allPages(ws, 'agent', `/api/v1/audit${query}`);
      expect(rows.every((r) => r.category === 'customer' || r.category === 'conversation'), query).toBe(true);
    }
    expect((await allPages(ws, 'agent', '/api/v1/audit?q=refund')).length).toBeGreaterThan(0);
  });

  it('adds work sessions for a lead, and everything for an admin', async () => {
    const lead = await allPages(ws, 'lead', '/api/v1/audit?q=refund');
    expect(new Set(lead.map((r) => r.category))).toEqual(new Set(['conversation', 'work_session']));
    const admin = await allPages(ws, 'admin', '/api/v1/audit?q=refund');
    expect(new Set(admin.map((r) => r.category))).toEqual(new Set(['conversation', 'work_session', 'settings', 'billing']));
  });

  it.each([
    ['agent', 'settings'],
    ['agent', 'work_session'],
    ['agent', 'billing'],
    ['lead', 'authorization'],
  ] as const)('refuses a %s asking for %s, and records the attempt', async (role, category) => {
    const res = await ws.call('GET', `/api/v1/audit?category=${category}`, { token: ws.tokens[role] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const denied = await ws.deps.db.reader
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.event, 'access_denied'), eq(auditEvents.actorId, ws.users[role].id)));
    expect(denied).toHaveLength(1);
    // The helpers refuse the same way.
    expect((await ws.call('GET', `/api/v1/audit/actors?category=${category}`, { token: ws.tokens[role] })).status).toBe(403);
  });

  it("shows a conversation's history with its routing rows, and no other subject's rows", async () => {
    await createCustomerAndConversation(ws, { name: 'Another refund' }, 'Bo');
    const rows = await allPages(ws, 'agent', `/api/v1/conversations/${conversation.id}/audit`);
    expect(rows.every((r) => r.conversationId === conversation.id)).toBe(true);
    expect(rows.map((r) => r.section)).toContain('routing');
    expect(rows.some((r) => r.category === 'settings' || r.category === 'billing')).toBe(false);
  });

  it("keeps a customer's history to that customer's own rows, with filters", async () => {
    await bodyOf(await ws.call('PATCH', `/api/v1/customers/${conversation.customerId}`, { token: ws.tokens.lead, body: { tags: ['vip'] } }), 200);
    const path = `/api/v1/customers/${conversation.customerId}/audit`;
    const rows = await allPages(ws, 'agent', path);
    expect(rows.map((r) => r.event)).toEqual(['update', 'create']);
    expect(rows.every((r) => r.subject.type === 'customer' && r.subject.id === conversation.customerId)).toBe(true);
    expect((await page(ws, 'agent', `${path}?actor=${ws.users.lead.id}`)).items.map((r) => r.property)).toEqual(['tags']);
    expect((await page(ws, 'agent', `${path}?q=vip`)).items.map((r) => r.property)).toEqual(['tags']);
  });
});
