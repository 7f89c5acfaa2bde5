import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { allPages, recordRow } from './fixtures';

/*
 * Each way people filter the audit log (all events, one event type, one
 * conversation, a customer by name or id, people or automations), each with
 * and without its optional user (actor). The admin reads the workspace log.
 */

let ws: TestWorkspace;
let conversation: { id: string; customerId: string };
let otherConversation: { id: string; customerId: string };

beforeEach(async () => {
  ws = await createTestWorkspace();
  conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' }, 'Ana Ruiz');
  otherConversation = await createCustomerAndConversation(ws, { name: 'Shipping question' }, 'Bo Chen');
  // The lead edits both the conversation and the customer, so "optional user" has two users to tell apart.
  await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: ws.tokens.lead, body: { priority: 'high' } }), 200);
  await bodyOf(await ws.call('PATCH', `/api/v1/customers/${conversation.customerId}`, { token: ws.tokens.lead, body: { tags: ['vip'] } }), 200);
  await recordRow(ws, 'admin', { category: 'billing', section: 'billing', subject: { type: 'billing_account', id: ws.orgId, label: 'Billing' }, property: 'plan' });
  await recordRow(ws, 'lead', { category: 'billing', section: 'billing', subject: { type: 'billing_account', id: ws.orgId, label: 'Billing' }, property: 'seats' });
  await recordRow(ws, 'admin', { category: 'settings', section: 'shortcut' });
  await recordRow(ws, 'admin', { category: 'settings', section: 'saved_search', subject: { type: 'saved_search', id: ws.deps.newId(), label: 'VIP' } });
  await recordRow(ws, 'admin', { category: 'settings', section: 'search_settings', subject: { type: 'saved_search', id: ws.deps.newId(), label: 'VIP' }, property: 'badgeColor' });
  await recordRow(ws, 'lead', { category: 'settings', section: 'business_rule', subject: { type: 'business_rule', id: ws.deps.newId(), label: 'Escalate' } });
  await recordRow(ws, 'admin', { category: 'settings', section: 'access', event: 'key_created', subject: { type: 'api_key', id: ws.deps.newId(), label: 'Zapier' }, property: null });
  await recordRow(ws, 'admin', { category: 'settings', section: 'workflow', subject: { type: 'workflow', id: ws.deps.newId(), label: 'Triage' } });
  const agent = { type: 'agent' as const, id: ws.users.agent.id, label: ws.users.agent.name };
  await recordRow(ws, 'agent', { category: 'work_session', section: 'routing', event: 'status_changed', subject: agent, property: 'status', before: 'offline', after: 'available' });
  await recordRow(ws, 'admin', { category: 'work_session', section: 'team_pulse', event: 'status_changed', subject: agent, property: 'status', before: 'available', after: 'away' });
});
afterEach(() => ws.close());

const log = (query: string) => allPages(ws, 'admin', `/api/v1/audit?${query}`);
const actors = (rows: AuditEvent[]) => new Set(rows.map((r) => r.actor.id));
const categories = (rows: AuditEvent[]) => new Set(rows.map((r) => r.category));

describe('the log filters on GET /audit', () => {
  it('All Events + user: every action of that user, whatever its category', async () => {
    const rows = await log(`actor=${ws.users.lead.id}`);
    expect(actors(rows)).toEqual(new Set([ws.users.lead.id]));
    expect(categories(rows)).toEqual(new Set(['authorization', 'conversation', 'customer', 'billing', 'settings']));
  });

  it('All Events without a user: the whole log, newest first', async () => {
    const rows = await log('');
    expect(categories(rows)).toEqual(new Set(['authorization', 'billing', 'conversation', 'customer', 'settings', 'work_session']));
    const keys = rows.map((r) => `${r.occurredAt}|${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('Authorization with and without a user: the sign-ins', async () => {
    const all = await log('category=authorization');
    expect(all.map((r) => r.event)).toEqual(['login', 'login', 'login']);
    const agents = await log(`category=authorization&actor=${ws.users.agent.id}`);
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ event: 'login', actor: { id: ws.users.agent.id } });
  });

  it('Billing with and without a user', async () => {
    expect((await log('category=billing')).map((r) => r.property).sort()).toEqual(['plan', 'seats']);
    expect((await log(`category=billing&actor=${ws.users.lead.id}`)).map((r) => r.property)).toEqual(['seats']);
  });

  it('Conversation by id, with and without a user', async () => {
    const rows = await log(`category=conversation&conversation=${conversation.id}`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.conversationId === conversation.id && r.category === 'conversation')).toBe(true);
    const byLead = await log(`category=conversation&conversation=${conversation.id}&actor=${ws.users.lead.id}`);
    expect(byLead.map((r) => [r.event, r.property])).toEqual([['update', 'priority']]);
  });

  it('Customer by name (any case, part of it) or by id, with and without a user', async () => {
    const byName = await log('category=customer&customer=ana%20r');
    expect(byName.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byName.map((r) => r.customerId))).toEqual(new Set([conversation.customerId]));
    const byId = await log(`category=customer&customer=${conversation.customerId}`);
    expect(byId.map((r) => r.id)).toEqual(byName.map((r) => r.id));
    const byLead = await log(`category=customer&customer=ANA&actor=${ws.users.lead.id}`);
    expect(byLead.map((r) => [r.event, r.property])).toEqual([['update', 'tags']]);
    expect(await log('category=customer&customer=nobody')).toEqual([]);
  });

  it.each([
    // Creating the workspace's three users through the engine already wrote three `access` rows (system actor).
    ['saved_search', 1],
    ['search_settings', 1],
    ['shortcut', 1],
    ['business_rule', 1],
    ['access', 4],
    ['workflow', 1],
  ])('Settings by section %s, with and without a user', async (section, count) => {
    const rows = await log(`category=settings&section=${section}`);
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.category === 'settings' && r.section === section)).toBe(true);
    const newest = rows[0]!.actor.id!;
    const mine = await log(`category=settings&section=${section}&actor=${newest}`);
    expect(mine.map((r) => r.id)).toEqual(rows.filter((r) => r.actor.id === newest).map((r) => r.id));
    const someoneElse = newest === ws.users.admin.id ? ws.users.lead.id : ws.users.admin.id;
    expect(await log(`category=settings&section=${section}&actor=${someoneElse}`)).toEqual([]);
  });

  it('Work Session: a user\'s routing and team pulse rows', async () => {
    const all = await log('category=work_session');
    expect(all.map((r) => r.section).sort()).toEqual(['routing', 'team_pulse']);
    const ownChanges = await log(`category=work_session&actor=${ws.users.agent.id}`);
    expect(ownChanges.map((r) => r.section)).toEqual(['routing']);
  });

  it('keeps other conversations and customers out of a filtered page', async () => {
    const rows = await log(`conversation=${otherConversation.id}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.conversationId === otherConversation.id)).toBe(true);
  });

  it('Performed By people or automations: actorKind keeps the user rows or the automations\' rows', async () => {
    const key = await bodyOf<{ secret: string }>(
      await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Triage bot', kind: 'workflow' } }),
      201,
    );
    await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: key.secret, body: { priority: 'low' } }), 200);

    const automations = await log(`conversation=${conversation.id}&actorKind=automation`);
    expect(automations.map((r) => [r.actor.type, r.property, r.after])).toEqual([['workflow', 'priority', 'low']]);
    const people = await log(`conversation=${conversation.id}&actorKind=person`);
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((r) => r.actor.type === 'user')).toBe(true);
  });
});
