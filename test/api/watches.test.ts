import { desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { MAX_WATCHES_PER_PERSON } from '../../backend/entities/watches/changes';
import { auditEvents, watches } from '../../backend/db/schema';
import type { Watch } from '../../shared/api-client-responses';
import type { AuditEvent } from '../../shared/audit-event';
import type { Role } from '../../shared/enums';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
let conversation: { id: string; customerId: string };
beforeEach(async () => {
  ws = await createTestWorkspace();
  conversation = await createCustomerAndConversation(ws, { name: 'Refund' });
});
afterEach(() => ws.close());

const post = (role: Role, body: object) => ws.call('POST', '/api/v1/watches', { token: ws.tokens[role], body });
const make = async (role: Role, body: object) => bodyOf<Watch>(await post(role, body), 201);
const list = async (role: Role) => (await bodyOf<{ items: Watch[] }>(await ws.call('GET', '/api/v1/watches', { token: ws.tokens[role] }), 200)).items;
const patch = (role: Role, id: string, body: object) => ws.call('PATCH', `/api/v1/watches/${id}`, { token: ws.tokens[role], body });
const watchRows = async () => ws.deps.db.reader.select().from(watches);

async function lastAccessDenied(): Promise<AuditEvent | undefined> {
  const [row] = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.event, 'access_denied')).orderBy(desc(auditEvents.id)).limit(1);
  return row && presentAuditEvent(row);
}

describe('making a watch', () => {
  it('answers the watch with a readable name and records it under settings / notifications', async () => {
    const watch = await make('lead', { subject: { type: 'conversation', id: conversation.id, property: 'status', value: 'done' } });
    expect(watch).toMatchObject({
      name: 'Conversation “Refund” — status → “done”',
      kind: 'subject',
      subject: { type: 'conversation', id: conversation.id, label: 'Refund', property: 'status', value: 'done' },
      filter: null,
      threshold: null,
      includeOwn: false,
      paused: false,
      narrowed: false,
      lastNotifiedAt: null,
    });
    expect(await auditRowsOf(ws, watch.id)).toMatchObject([
      {
        event: 'create',
        category: 'settings',
        section: 'notifications',
        actor: { type: 'user', id: ws.users.lead.id },
        subject: { type: 'watch', id: watch.id, label: watch.name },
        after: { ownerId: ws.users.lead.id, subjectType: 'conversation', subjectId: conversation.id, property: 'status', value: '"done"' },
      },
    ]);
  });

  it('names filters and thresholds after what they watch', async () => {
    expect((await make('admin', { filter: 'category=settings&section=business_rule' })).name).toBe('Settings · Business rule');
    expect((await make('admin', { filter: '' })).name).toBe('The whole log');
    const threshold = await make('admin', { filter: 'event=login_failed', threshold: { count: 5, minutes: 10 } });
    expect(threshold).toMatchObject({
      name: '5+ failed sign-ins in 10 min',
      kind: 'threshold',
      filter: 'event=login_failed',
      threshold: { count: 5, minutes: 10, quietMinutes: 10, perActor: false },
    });
    const perActor = await make('lead', { filter: 'property=status', threshold: { count: 20, minutes: 1, perActor: true }, name: 'Status storms' });
    expect(perActor.name).toBe('Status storms');
    expect((await make('lead', { filter: 'property=status', threshold: { count: 20, minutes: 1, perActor: true } })).name).toBe(
      '20+ status changes by one actor in 1 min',
    );
  });

  it('waits for a null value when one is given, and for any value when none is', async () => {
    const toNull = await make('agent', { subject: { type: 'conversation', id: conversation.id, property: 'assigneeId', value: null } });
    expect(toNull.subject).toHaveProperty('value', null);
    const any = await make('agent', { subject: { type: 'conversation', id: conversation.id, property: 'assigneeId' } });
    expect(any.subject).not.toHaveProperty('value');
  });

  it('answers 403, recorded as access_denied, to an agent’s filter on settings, and makes nothing', async () => {
    const res = await post('agent', { filter: 'category=settings&section=business_rule' });
    expect((await bodyOf<{ error: { code: string } }>(res, 403)).error.code).toBe('forbidden');
    expect(await lastAccessDenied()).toMatchObject({
      actor: { id: ws.users.agent.id },
      context: expect.objectContaining({ permission: 'audit:workspace', route: '/api/v1/watches', method: 'POST' }),
    });
    expect(await watchRows()).toEqual([]);
    // Excluding a category never widens what is read: allowed.
    await make('agent', { filter: 'notCategory=settings' });
  });

  it('answers 404 for a subject that is not in the workspace', async () => {
    for (const type of ['customer', 'conversation'] as const) {
      const res = await post('lead', { subject: { type, id: ws.deps.newId() } });
      expect((await bodyOf<{ error: { message: string } }>(res, 404)).error.message).toBe(`No such ${type}.`);
    }
    expect(await watchRows()).toEqual([]);
  });

  it('answers 400 to what a watch cannot be, and makes nothing', async () => {
    const bad = [
      {},
      { subject: { type: 'conversation', id: conversation.id }, filter: '' },
      { subject: { type: 'ticket', id: conversation.id } },
      { subject: { type: 'conversation', id: 'nope' } },
      { subject: { type: 'conversation', id: conversation.id, value: 'done' } },
      { filter: 'category=everything' },
      { filter: 'limit=10' },
      { filter: 'from=2026-12-02&to=2026-11-30' },
      { filter: '', threshold: { count: 1, minutes: 10 } },
      { filter: '', threshold: { count: 5, minutes: 0 } },
      { filter: '', threshold: { count: 5, minutes: 10, extra: true } },
      { filter: '', name: '\uD800' },
      { filter: '', colour: 'red' },
    ];
    for (const body of bad) {
      const res = await post('admin', body);
      expect((await bodyOf<{ error: { code: string } }>(res, 400)).error.code, JSON.stringify(body)).toBe('invalid_request');
    }
    expect(await watchRows()).toEqual([]);
  });

  it(`refuses a person’s watch past ${MAX_WATCHES_PER_PERSON} (409), and allows it to someone else`, async () => {
    for (let i = 0; i < MAX_WATCHES_PER_PERSON; i++) await make('agent', { filter: `q=word${i}` });
    const res = await post('agent', { filter: 'q=one+more' });
    expect((await bodyOf<{ error: { code: string } }>(res, 409)).error.code).toBe('conflict');
    await make('lead', { filter: 'q=one+more' });
  });

  it('is refused to an API key (403): a watch belongs to a person', async () => {
    const key = await bodyOf<{ secret: string }>(
      await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Flow', kind: 'workflow' } }),
      201,
    );
    const res = await ws.call('POST', '/api/v1/watches', { token: key.secret, body: { filter: '' } });
    expect(res.status).toBe(403);
    expect((await ws.call('GET', '/api/v1/watches', { token: key.secret })).status).toBe(403);
  });
});

describe('the list of watches', () => {
  it('holds only the caller’s own, newest first', async () => {
    const first = await make('lead', { filter: 'section=routing' });
    const second = await make('lead', { subject: { type: 'customer', id: conversation.customerId } });
    await make('agent', { filter: '' });
    expect((await list('lead')).map((w) => w.id)).toEqual([second.id, first.id]);
    expect((await list('admin')).map((w) => w.id)).toEqual([]);
  });

  it('answers 404 for another person’s watch, to read, change or delete it', async () => {
    const theirs = await make('lead', { filter: 'section=routing' });
    expect((await ws.call('GET', `/api/v1/watches/${theirs.id}`, { token: ws.tokens.admin })).status).toBe(404);
    expect((await patch('admin', theirs.id, { paused: true })).status).toBe(404);
    expect((await ws.call('DELETE', `/api/v1/watches/${theirs.id}`, { token: ws.tokens.admin })).status).toBe(404);
    expect(await bodyOf<Watch>(await ws.call('GET', `/api/v1/watches/${theirs.id}`, { token: ws.tokens.lead }), 200)).toEqual(theirs);
  });
});

describe('changing a watch', () => {
  it('pauses, renames and swaps a subject for a filter, each change on the record', async () => {
    const watch = await make('lead', { subject: { type: 'conversation', id: conversation.id } });
    const paused = await bodyOf<Watch>(await patch('lead', watch.id, { paused: true }), 200);
    expect(paused.paused).toBe(true);
    const swapped = await bodyOf<Watch>(await patch('lead', watch.id, { filter: 'section=routing', name: 'Routing' }), 200);
    expect(swapped).toMatchObject({ kind: 'filter', subject: null, filter: 'section=routing', name: 'Routing', paused: true });
    const rows = await auditRowsOf(ws, watch.id);
    expect(rows.map((r) => [r.event, r.property, r.after])).toEqual([
      ['create', null, expect.any(Object)],
      ['update', 'paused', true],
      ['update', 'name', 'Routing'],
      ['update', 'subjectType', null],
      ['update', 'subjectId', null],
      ['update', 'filter', 'section=routing'],
    ]);
    expect(rows.every((r) => r.category === 'settings' && r.section === 'notifications')).toBe(true);
  });

  it('refuses a filter the caller may not read (403, recorded) and leaves the watch as it was', async () => {
    const watch = await make('lead', { filter: 'section=routing' });
    const res = await patch('lead', watch.id, { filter: 'category=billing' });
    expect(res.status).toBe(403);
    expect((await lastAccessDenied())?.context).toMatchObject({ permission: 'audit:workspace' });
    expect((await bodyOf<Watch>(await ws.call('GET', `/api/v1/watches/${watch.id}`, { token: ws.tokens.lead }), 200)).filter).toBe('section=routing');
  });

  it('answers 400 to a change that would leave it following nothing, or two things', async () => {
    const watch = await make('lead', { filter: 'section=routing' });
    expect((await patch('lead', watch.id, { filter: null })).status).toBe(400);
    expect((await patch('lead', watch.id, { filter: '', subject: { type: 'conversation', id: conversation.id } })).status).toBe(400);
    expect((await patch('lead', watch.id, { subject: null })).status).toBe(200);
  });

  it('removes a threshold with null', async () => {
    const watch = await make('admin', { filter: 'event=login_failed', threshold: { count: 5, minutes: 10 } });
    expect(await bodyOf<Watch>(await patch('admin', watch.id, { threshold: null }), 200)).toMatchObject({ kind: 'filter', threshold: null });
  });
});

describe('deleting a watch', () => {
  it('answers 204, records the deletion, and the watch is gone from the list', async () => {
    const watch = await make('agent', { subject: { type: 'conversation', id: conversation.id } });
    expect((await ws.call('DELETE', `/api/v1/watches/${watch.id}`, { token: ws.tokens.agent })).status).toBe(204);
    expect(await list('agent')).toEqual([]);
    expect((await auditRowsOf(ws, watch.id)).map((r) => [r.event, r.section])).toEqual([
      ['create', 'notifications'],
      ['delete', 'notifications'],
    ]);
    expect((await ws.call('GET', `/api/v1/watches/${watch.id}`, { token: ws.tokens.agent })).status).toBe(404);
  });
});
