import { desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents, savedViews } from '../../backend/db/schema';
import type { SavedView } from '../../shared/api-client-responses';
import type { AuditEvent } from '../../shared/audit-event';
import type { Role } from '../../shared/enums';
import { auditRowsOf, auditRowsOfChange, bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const save = async (role: Role, body: object) =>
  bodyOf<SavedView>(await ws.call('POST', '/api/v1/views', { token: ws.tokens[role], body }), 201);
const list = async (role: Role) => (await bodyOf<{ items: SavedView[] }>(await ws.call('GET', '/api/v1/views', { token: ws.tokens[role] }), 200)).items;
const patch = (role: Role, id: string, body: object) => ws.call('PATCH', `/api/v1/views/${id}`, { token: ws.tokens[role], body });
const remove = (role: Role, id: string) => ws.call('DELETE', `/api/v1/views/${id}`, { token: ws.tokens[role] });
const viewRowCount = async () => (await ws.deps.db.reader.select().from(savedViews)).length;

async function lastAccessDenied(): Promise<AuditEvent | undefined> {
  const [row] = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.event, 'access_denied')).orderBy(desc(auditEvents.id)).limit(1);
  return row && presentAuditEvent(row);
}

describe('saving a view', () => {
  it('keeps the filter in the log’s query parameter form and records the save under settings / saved_view', async () => {
    const view = await save('lead', { name: 'Routing this month', filter: '?section=routing&from=2026-11-01&q=late+reply' });
    expect(view).toMatchObject({
      name: 'Routing this month',
      filter: 'section=routing&from=2026-11-01&q=late+reply',
      shared: false,
      mine: true,
      default: false,
      owner: { id: ws.users.lead.id, name: ws.users.lead.name },
    });
    expect(await auditRowsOf(ws, view.id)).toMatchObject([
      {
        event: 'create',
        category: 'settings',
        section: 'saved_view',
        actor: { type: 'user', id: ws.users.lead.id },
        subject: { type: 'saved_view', id: view.id, label: 'Routing this month' },
        after: { ownerId: ws.users.lead.id, name: 'Routing this month', filter: view.filter, shared: false, defaultFor: [] },
      },
    ]);
  });

  it('answers 400 naming the parameter to a filter the log would refuse, and saves nothing', async () => {
    for (const filter of ['category=everything', 'limit=10', 'colour=red', `event=${'x'.repeat(30)}`, 'notEvent=login&notEvent=nope', 'q=\uD800']) {
      const res = await ws.call('POST', '/api/v1/views', { token: ws.tokens.admin, body: { name: 'Bad', filter } });
      const body = await bodyOf<{ error: { code: string; details: { path: string; message: string }[] } }>(res, 400);
      expect(body.error.code, filter).toBe('invalid_request');
      expect(body.error.details[0]?.path, filter).toBe('filter');
    }
    const res = await ws.call('POST', '/api/v1/views', { token: ws.tokens.admin, body: { name: 'Bad', filter: 'category=everything' } });
    expect(JSON.stringify(await res.json())).toContain('category');
    expect(await viewRowCount()).toBe(0);
  });

  it('refuses a second view of the same name by the same person (409), and allows it to someone else', async () => {
    await save('agent', { name: 'Mine', filter: '' });
    const again = await ws.call('POST', '/api/v1/views', { token: ws.tokens.agent, body: { name: 'MINE', filter: 'event=update' } });
    expect((await bodyOf<{ error: { code: string } }>(again, 409)).error.code).toBe('conflict');
    await save('lead', { name: 'Mine', filter: '' });
    expect(await viewRowCount()).toBe(2);
  });
});

describe('the list of views', () => {
  it('holds the caller’s own views and those others shared, never another person’s private view', async () => {
    await save('admin', { name: 'Admin private', filter: 'category=billing' });
    await save('admin', { name: 'Admin shared', filter: 'category=customer', shared: true });
    await save('lead', { name: 'Lead private', filter: '' });
    const items = await list('lead');
    expect(items.map((v) => [v.name, v.mine, v.shared, v.owner.name])).toEqual([
      ['Admin shared', false, true, ws.users.admin.name],
      ['Lead private', true, false, ws.users.lead.name],
    ]);
    expect((await list('agent')).map((v) => v.name)).toEqual(['Admin shared']);
  });
});

describe('the default view', () => {
  it('is one per person: making another view the default takes it off the previous one, in one recorded change', async () => {
    const first = await save('agent', { name: 'First', filter: 'category=customer', default: true });
    const second = await save('agent', { name: 'Second', filter: 'category=conversation' });
    const changed = await bodyOf<SavedView>(await patch('agent', second.id, { default: true }), 200);
    expect(changed.default).toBe(true);
    expect((await list('agent')).map((v) => [v.name, v.default])).toEqual([
      ['First', false],
      ['Second', true],
    ]);
    const [lastRow] = (await auditRowsOf(ws, second.id)).slice(-1);
    expect((await auditRowsOfChange(ws, lastRow!.changeId)).map((r) => [r.subject.id, r.property, r.before, r.after])).toEqual([
      [first.id, 'defaultFor', [ws.users.agent.id], []],
      [second.id, 'defaultFor', [], [ws.users.agent.id]],
    ]);
  });

  it('may be a view someone else shared, without changing it for its owner', async () => {
    const shared = await save('admin', { name: 'Team', filter: 'category=conversation', shared: true, default: true });
    await bodyOf(await patch('lead', shared.id, { default: true }), 200);
    expect((await list('lead')).find((v) => v.id === shared.id)?.default).toBe(true);
    expect((await list('admin')).find((v) => v.id === shared.id)?.default).toBe(true);
    await bodyOf(await patch('lead', shared.id, { default: false }), 200);
    expect((await list('lead')).find((v) => v.id === shared.id)?.default).toBe(false);
    expect((await list('admin')).find((v) => v.id === shared.id)?.default).toBe(true);
  });

  it('stops being anyone else’s default when its owner stops sharing it', async () => {
    const shared = await save('admin', { name: 'Team', filter: '', shared: true });
    await bodyOf(await patch('agent', shared.id, { default: true }), 200);
    await bodyOf(await patch('admin', shared.id, { shared: false }), 200);
    expect(await list('agent')).toEqual([]);
    await bodyOf(await patch('admin', shared.id, { shared: true }), 200);
    expect((await list('agent')).map((v) => v.default)).toEqual([false]);
  });
});

describe('changing and deleting views', () => {
  it('lets only the owner change a view: anyone else gets 403, recorded, and the view is unchanged', async () => {
    const shared = await save('admin', { name: 'Team', filter: '', shared: true });
    const before = await lastAccessDenied();
    const res = await patch('lead', shared.id, { name: 'Mine now' });
    expect((await bodyOf<{ error: { code: string } }>(res, 403)).error.code).toBe('forbidden');
    const refusal = await lastAccessDenied();
    expect(refusal?.id).not.toBe(before?.id);
    expect(refusal).toMatchObject({ actor: { id: ws.users.lead.id }, context: { route: '/api/v1/views/:id', permission: 'views:edit_others' } });
    expect((await list('admin'))[0]?.name).toBe('Team');
    // An admin is no exception: a view is its owner's.
    const leadView = await save('lead', { name: 'Lead’s', filter: '', shared: true });
    expect((await patch('admin', leadView.id, { filter: 'category=billing' })).status).toBe(403);
  });

  it('answers 404 to changing or deleting another person’s private view, as if it did not exist', async () => {
    const secret = await save('lead', { name: 'Secret', filter: '' });
    expect((await patch('agent', secret.id, { default: true })).status).toBe(404);
    expect((await remove('agent', secret.id)).status).toBe(404);
    expect((await remove('admin', secret.id)).status).toBe(404);
    expect((await list('lead')).map((v) => v.name)).toEqual(['Secret']);
  });

  it('lets the owner delete a view, and admins delete a view someone shared; each deletion is recorded', async () => {
    const own = await save('agent', { name: 'Own', filter: '' });
    const shared = await save('lead', { name: 'Shared', filter: 'category=work_session', shared: true });
    expect((await remove('agent', shared.id)).status).toBe(403);
    expect((await lastAccessDenied())?.context).toMatchObject({ permission: 'views:remove_shared' });
    expect((await list('agent')).find((v) => v.id === shared.id)?.canDelete).toBe(false);
    expect((await list('admin')).find((v) => v.id === shared.id)?.canDelete).toBe(true);

    expect((await remove('agent', own.id)).status).toBe(204);
    expect((await remove('admin', shared.id)).status).toBe(204);
    expect(await list('lead')).toEqual([]);
    expect((await auditRowsOf(ws, shared.id)).at(-1)).toMatchObject({
      event: 'delete',
      actor: { id: ws.users.admin.id },
      before: { ownerId: ws.users.lead.id, name: 'Shared', filter: 'category=work_session', shared: true },
    });
    expect((await auditRowsOf(ws, own.id)).at(-1)?.event).toBe('delete');
  });
});

describe('a shared view seen by another role', () => {
  it('opens for a lead with only the lead’s categories: the list narrows it and the log gives no other rows', async () => {
    // Rows of five categories: customer and conversation (agent), work session (routing status), settings (a shortcut), authorization (a refusal).
    await createCustomerAndConversation(ws, { name: 'Refund' });
    await bodyOf(await ws.call('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/status`, { token: ws.tokens.agent, body: { status: 'available' } }), 200);
    await createAsAdmin(ws, '/api/v1/shortcuts', { name: 'Thanks', message: 'Thanks!', actions: [] });
    expect((await ws.call('GET', '/api/v1/billing', { token: ws.tokens.agent })).status).toBe(403);

    const everything = await save('admin', { name: 'Everything', filter: '', shared: true });
    const settingsOnly = await save('admin', { name: 'Settings', filter: 'category=settings', shared: true });
    const routing = await save('admin', { name: 'Work sessions', filter: 'category=work_session', shared: true });

    const forLead = new Map((await list('lead')).map((v) => [v.id, v]));
    expect(forLead.get(everything.id)).toMatchObject({ narrowed: true, readableFilter: '' });
    expect(forLead.get(settingsOnly.id)).toMatchObject({ narrowed: true, readableFilter: null });
    expect(forLead.get(routing.id)).toMatchObject({ narrowed: false, readableFilter: 'category=work_session' });
    expect((await list('admin')).every((v) => !v.narrowed && v.readableFilter === v.filter)).toBe(true);
    expect((await list('agent')).find((v) => v.id === routing.id)).toMatchObject({ narrowed: true, readableFilter: null });

    const logAs = async (role: Role, filter: string) =>
      (await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', `/api/v1/audit?${filter}`, { token: ws.tokens[role] }), 200)).items;
    const leadRows = await logAs('lead', forLead.get(everything.id)!.readableFilter!);
    expect(new Set(leadRows.map((r) => r.category))).toEqual(new Set(['customer', 'conversation', 'work_session']));
    const adminRows = await logAs('admin', everything.filter);
    expect(new Set(adminRows.map((r) => r.category))).toEqual(new Set(['customer', 'conversation', 'work_session', 'settings', 'authorization']));
  });
});
