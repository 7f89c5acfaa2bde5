import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { eventsOfJsonlExport } from '../support/jsonl-export';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { listen, openStream, stopServer } from '../stream/sse-client';
import { allPages, page, recordRow } from './fixtures';

/*
 * Several values per filter (the parameter repeated, OR-ed), exclusions
 * (`not…`), and the Performed By filter by name, on every route that takes
 * the log's filters: the log, the histories, the filter helpers, export and
 * stream. The fixture system actor ("Test fixture") wrote the users' rows.
 */

let ws: TestWorkspace;
let conversation: { id: string; customerId: string };
let other: { id: string; customerId: string };

beforeEach(async () => {
  ws = await createTestWorkspace();
  conversation = await createCustomerAndConversation(ws, { name: 'Refund for order 1182' }, 'Ana Ruiz');
  other = await createCustomerAndConversation(ws, { name: 'Shipping question' }, 'Bo Chen');
  await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: ws.tokens.lead, body: { priority: 'high' } }), 200);
  await bodyOf(await ws.call('PATCH', `/api/v1/customers/${other.customerId}`, { token: ws.tokens.lead, body: { tags: ['vip'] } }), 200);
  await recordRow(ws, 'admin', { category: 'settings', section: 'shortcut' });
  await recordRow(ws, 'lead', { category: 'settings', section: 'business_rule', property: 'status' });
  await recordRow(ws, 'admin', { category: 'billing', section: 'billing', property: 'plan' });
  const agent = { type: 'agent' as const, id: ws.users.agent.id, label: ws.users.agent.name };
  await recordRow(ws, 'agent', { category: 'work_session', section: 'routing', event: 'status_changed', subject: agent, property: 'status' });
});
afterEach(() => ws.close());

const log = (query: string, role: 'admin' | 'lead' | 'agent' = 'admin') => allPages(ws, role, `/api/v1/audit?${query}`);
const ids = (rows: AuditEvent[]) => rows.map((r) => r.id);

describe('several values of one filter', () => {
  it('OR the values of a repeated parameter: event=update&event=create is both events, newest first', async () => {
    const all = await log('');
    const both = await log('event=update&event=create');
    expect(ids(both)).toEqual(ids(all.filter((r) => r.event === 'update' || r.event === 'create')));
    expect(new Set(both.map((r) => r.event))).toEqual(new Set(['update', 'create']));
  });

  it('AND the filters while OR-ing each one’s values', async () => {
    const rows = await log(`category=settings&category=billing&actor=${ws.users.admin.id}&actor=${ws.users.agent.id}`);
    expect(rows.map((r) => [r.category, r.actor.id])).toEqual([
      ['billing', ws.users.admin.id],
      ['settings', ws.users.admin.id],
    ]);
  });

  it('take conversations and customers by several ids, and customers by several parts of names', async () => {
    const byIds = await log(`conversation=${conversation.id}&conversation=${other.id}`);
    expect(new Set(byIds.map((r) => r.conversationId))).toEqual(new Set([conversation.id, other.id]));
    const byNames = await log('category=customer&customer=ana&customer=CHEN');
    expect(new Set(byNames.map((r) => r.customerId))).toEqual(new Set([conversation.customerId, other.customerId]));
    const mixed = await log(`category=customer&customer=ana&customer=${other.customerId}`);
    expect(ids(mixed)).toEqual(ids(byNames));
  });

  it('answer 400 with the filter named when a filter has more than 20 values, and take 20', async () => {
    const twenty = Array.from({ length: 20 }, () => 'event=update').join('&');
    await page(ws, 'admin', `/api/v1/audit?${twenty}`);
    const res = await ws.call('GET', `/api/v1/audit?${twenty}&event=create`, { token: ws.tokens.admin });
    const body = await bodyOf<{ error: { code: string; details: Array<{ path: string; message: string }> } }>(res, 400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toEqual([{ path: 'event', message: 'must have at most 20 values' }]);
  });

  it('answer 400 naming the bad value among several', async () => {
    const res = await ws.call('GET', '/api/v1/audit?event=update&event=nope', { token: ws.tokens.admin });
    const body = await bodyOf<{ error: { details: Array<{ path: string }> } }>(res, 400);
    expect(body.error.details.map((d) => d.path)).toEqual(['event.1']);
  });

  it('answer 400 to a repeated single-value filter such as actorKind', async () => {
    await bodyOf(await ws.call('GET', '/api/v1/audit?actorKind=person&actorKind=automation', { token: ws.tokens.admin }), 400);
  });
});

describe('exclusions', () => {
  it('notProperty=status leaves out the status rows and keeps the rows that have no property', async () => {
    const all = await log('');
    const rows = await log('notProperty=status');
    expect(ids(rows)).toEqual(ids(all.filter((r) => r.property !== 'status')));
    expect(rows.some((r) => r.property === null)).toBe(true);
  });

  it('notCustomer and notConversation keep the rows about no customer or conversation', async () => {
    const all = await log('');
    const rows = await log(`notCustomer=${conversation.customerId}&notConversation=${other.id}`);
    expect(ids(rows)).toEqual(ids(all.filter((r) => r.customerId !== conversation.customerId && r.conversationId !== other.id)));
    expect(rows.some((r) => r.customerId === null && r.conversationId === null)).toBe(true);
  });

  it('combine with the same filter’s values: section=shortcut&section=business_rule&notEvent=update', async () => {
    await recordRow(ws, 'admin', { category: 'settings', section: 'shortcut', event: 'create', property: null, before: null, after: null });
    const rows = await log('section=shortcut&section=business_rule&notEvent=update');
    expect(rows.map((r) => [r.section, r.event])).toEqual([['shortcut', 'create']]);
  });

  it('several exclusions of one filter leave out each: notCategory=customer&notCategory=conversation', async () => {
    const all = await log('');
    const rows = await log('notCategory=customer&notCategory=conversation');
    expect(ids(rows)).toEqual(ids(all.filter((r) => r.category !== 'customer' && r.category !== 'conversation')));
  });
});

describe('Performed By by name', () => {
  it('matches the current name of a user, in any case, on rows recorded under an earlier name', async () => {
    const before = await log(`actor=${ws.users.lead.id}`);
    await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.lead.id}`, { token: ws.tokens.admin, body: { name: 'Ana Ruiz' } }), 200);
    const rows = await log('actor=ana%20RUIZ');
    // The rename itself is the admin's row about the lead, not the lead's.
    expect(ids(rows)).toEqual(ids(before));
    expect(rows.every((r) => r.actor.name === 'Lead Person')).toBe(true);
  });

  it('matches the name recorded on the row: the system actor, which has no id', async () => {
    const all = await log('');
    const fixture = await log('actor=test%20fixture');
    expect(fixture.length).toBeGreaterThan(0);
    expect(ids(fixture)).toEqual(ids(all.filter((r) => r.actor.name === 'Test fixture')));
    expect(ids(await log('notActor=TEST%20FIXTURE'))).toEqual(ids(all.filter((r) => r.actor.name !== 'Test fixture')));
  });

  it('matches an API key by its name and by its id, and mixes names with ids', async () => {
    const key = await bodyOf<{ id: string; secret: string }>(
      await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Triage bot', kind: 'workflow' } }),
      201,
    );
    await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: key.secret, body: { priority: 'low' } }), 200);
    const byName = await log('actor=triage%20BOT');
    expect(byName.map((r) => [r.actor.type, r.property])).toEqual([['workflow', 'priority']]);
    expect(ids(await log(`actor=${key.id}`))).toEqual(ids(byName));
    const mixed = await log(`actor=Triage%20bot&actor=${ws.users.agent.id}`);
    expect(new Set(mixed.map((r) => r.actor.type))).toEqual(new Set(['workflow', 'user']));
  });

  it('matches a whole name only, and no user of another workspace', async () => {
    expect(await log('actor=Lead')).toEqual([]);
    expect(await log('actor=Lead%20Person%20Jr')).toEqual([]);
  });
});

describe('categories and roles', () => {
  it('answers 403 to an agent naming a category of its role beside one outside it, and records it', async () => {
    await bodyOf(await ws.call('GET', '/api/v1/audit?category=customer&category=settings', { token: ws.tokens.agent }), 403);
    const denied = await log('event=access_denied');
    expect(denied.some((r) => r.actor.id === ws.users.agent.id)).toBe(true);
  });

  it('lets an agent exclude a category its role cannot read: excluding never widens', async () => {
    const own = await log('', 'agent');
    expect(ids(await log('notCategory=settings&notCategory=billing', 'agent'))).toEqual(ids(own));
    const conversationsOnly = await log('notCategory=customer', 'agent');
    expect(new Set(conversationsOnly.map((r) => r.category))).toEqual(new Set(['conversation']));
  });

  it('answers 403 on the helpers and the stream to a category outside the role among several', async () => {
    for (const path of ['/api/v1/audit/actors', '/api/v1/audit/sections', '/api/v1/audit/activity', '/api/v1/audit/stream']) {
      await bodyOf(await ws.call('GET', `${path}?category=customer&category=billing`, { token: ws.tokens.agent }), 403);
    }
  });
});

describe('every route that takes the filters', () => {
  const query = () => `category=customer&category=conversation&category=settings&notProperty=status&notEvent=create&actor=${ws.users.lead.id}&actor=Admin%20Person`;

  it('the subject histories take several values and exclusions', async () => {
    const history = await allPages(ws, 'admin', `/api/v1/conversations/${conversation.id}/audit`);
    const rows = await allPages(ws, 'admin', `/api/v1/conversations/${conversation.id}/audit?event=create&event=update&notProperty=priority`);
    expect(ids(rows)).toEqual(ids(history.filter((r) => (r.event === 'create' || r.event === 'update') && r.property !== 'priority')));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('the helpers count exactly the rows the log lists', async () => {
    const rows = await log(query());
    expect(rows.length).toBeGreaterThan(1);
    const get = async <T>(path: string) => bodyOf<T>(await ws.call('GET', `/api/v1/audit/${path}?${query()}`, { token: ws.tokens.admin }), 200);
    const sum = (items: Array<{ count: number }>) => items.reduce((n, i) => n + i.count, 0);
    expect(sum((await get<{ items: Array<{ count: number }> }>('actors')).items)).toBe(rows.length);
    expect(sum((await get<{ items: Array<{ count: number }> }>('sections')).items)).toBe(rows.length);
    const properties = await get<{ items: Array<{ property: string; count: number }> }>('properties');
    expect(sum(properties.items)).toBe(rows.filter((r) => r.property !== null).length);
    expect(properties.items.some((i) => i.property === 'status')).toBe(false);
    expect(sum((await get<{ items: Array<{ count: number }> }>('activity')).items)).toBe(rows.length);
  });

  it('the export writes exactly the rows the log lists', async () => {
    const rows = await log(query());
    const res = await ws.call('GET', `/api/v1/audit/export?format=jsonl&${query()}`, { token: ws.tokens.admin });
    expect(res.status).toBe(200);
    const exported = eventsOfJsonlExport(await res.text());
    expect(ids(exported)).toEqual(ids(rows));
  });

  it('the export records its filters as they were sent: one value as a string, several as a list', async () => {
    await (await ws.call('GET', '/api/v1/audit/export?format=jsonl&section=shortcut&event=update&event=create', { token: ws.tokens.admin })).text();
    const [recorded] = await log('event=export');
    expect(recorded?.context).toMatchObject({ filters: { section: 'shortcut', event: ['update', 'create'] } });
  });

  it('the stream sends the rows after Last-Event-ID that the log lists, oldest first', async () => {
    const { url, server } = await listen(ws.app.fetch);
    try {
      const all = await log('');
      const first = all.at(-1)!;
      const expected = (await log(query())).filter((r) => r.id > first.id).reverse();
      expect(expected.length).toBeGreaterThan(1);
      const stream = await openStream(`${url}/api/v1/audit/stream?${query()}`, ws.tokens.admin, { 'last-event-id': first.id });
      try {
        const got: string[] = [];
        for (let event = await stream.nextEvent(2_000); event; event = await stream.nextEvent(300)) got.push(event.id);
        expect(got).toEqual(ids(expected));
      } finally {
        stream.close();
      }
    } finally {
      await stopServer(server);
    }
  });
});

describe('activity by the minute', () => {
  it('counts per minute, for the current filter', async () => {
    const minute = Date.UTC(2026, 10, 21, 10, 15);
    for (const offset of [1_000, 59_000, 61_000, 180_000]) {
      await recordRow(ws, 'admin', { category: 'settings', section: 'workflow' }, new Date(minute + offset));
    }
    const res = await ws.call('GET', '/api/v1/audit/activity?bucket=minute&section=workflow&section=access&notSection=access', { token: ws.tokens.admin });
    expect(await bodyOf(res, 200)).toEqual({
      bucket: 'minute',
      items: [
        { start: '2026-11-21T10:15:00.000Z', count: 2 },
        { start: '2026-11-21T10:16:00.000Z', count: 1 },
        { start: '2026-11-21T10:18:00.000Z', count: 1 },
      ],
    });
  });
});

describe('cursors of lists', () => {
  it('a cursor stays valid for the same values in another order, and not for other values', async () => {
    const first = await page(ws, 'admin', '/api/v1/audit?limit=2&event=update&event=create');
    expect(first.nextCursor).not.toBeNull();
    const cursor = encodeURIComponent(first.nextCursor!);
    const reordered = await page(ws, 'admin', `/api/v1/audit?limit=2&event=create&event=update&cursor=${cursor}`);
    const same = await page(ws, 'admin', `/api/v1/audit?limit=2&event=update&event=create&cursor=${cursor}`);
    expect(reordered.items).toEqual(same.items);
    await page(ws, 'admin', `/api/v1/audit?limit=2&event=update&cursor=${cursor}`, 400);
    await page(ws, 'admin', `/api/v1/audit?limit=2&event=update&event=create&notEvent=create&cursor=${cursor}`, 400);
  });
});
