import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { ApiClient, ApiClientError } from '../../shared/api-client';
import type { Role } from '../../shared/enums';
import type { ViewsSend } from '../../extension/lib/views/views-deps';
import { ViewsModel } from '../../extension/lib/views/views-model';
import { startRealServer, type RealServer } from '../http/real-server';
import { bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
let server: RealServer;
const models: ViewsModel[] = [];
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
});
afterEach(async () => {
  models.splice(0).forEach((model) => model[Symbol.dispose]());
  await server.close();
  ws.close();
});

/** The background's answer to each views message, as its handlers give it: the API client over real HTTP, failures as Results. */
function backgroundFor(role: Role): ViewsSend {
  const client = new ApiClient({ baseUrl: server.url(''), token: ws.tokens[role] });
  const answer = async <T>(call: () => Promise<T>) => {
    try {
      return { ok: true as const, value: await call() };
    } catch (error) {
      if (!(error instanceof ApiClientError)) throw error;
      return { ok: false as const, error: { code: error.code, message: error.message } };
    }
  };
  const send = (type: string, data: unknown) => {
    if (type === 'listViews') return answer(() => client.views());
    if (type === 'saveView') return answer(() => client.createView(data as Parameters<ApiClient['createView']>[0]));
    if (type === 'updateView') {
      const { id, patch } = data as { id: string; patch: Parameters<ApiClient['updateView']>[1] };
      return answer(() => client.updateView(id, patch));
    }
    const { id } = data as { id: string };
    return answer(async () => {
      await client.deleteView(id);
      return null;
    });
  };
  return send as ViewsSend;
}

function modelFor(role: Role): ViewsModel {
  const model = new ViewsModel({ send: backgroundFor(role) });
  models.push(model);
  return model;
}

describe('the views menu’s model against the real backend', () => {
  it('opens a view the admin shared for a lead, with only the lead’s categories', async () => {
    // Rows of five categories: customer and conversation, a work session, a settings change, an authorization refusal.
    await createCustomerAndConversation(ws, { name: 'Refund' });
    await bodyOf(await ws.call('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/status`, { token: ws.tokens.agent, body: { status: 'available' } }), 200);
    await createAsAdmin(ws, '/api/v1/shortcuts', { name: 'Thanks', message: 'Thanks!', actions: [] });
    expect((await ws.call('GET', '/api/v1/billing', { token: ws.tokens.agent })).status).toBe(403);

    const admin = modelFor('admin');
    admin.draftName.value = 'All creates';
    admin.draftShared.value = true;
    expect(await admin.saveAs('event=create')).toMatchObject({ name: 'All creates', shared: true, mine: true });
    expect(await admin.saveAs('category=settings')).toBeNull(); // no name typed: nothing sent
    admin.draftName.value = 'Settings';
    admin.draftShared.value = true;
    await admin.saveAs('category=settings');

    const lead = modelFor('lead');
    await lead.load();
    const shared = lead.views.value.find((view) => view.name === 'All creates')!;
    const settings = lead.views.value.find((view) => view.name === 'Settings')!;
    expect(shared).toMatchObject({ mine: false, narrowed: true, readableFilter: 'event=create' });
    expect(settings).toMatchObject({ narrowed: true, readableFilter: null });

    await lead.setDefault(shared, true);
    expect(lead.defaultView.value?.id).toBe(shared.id);
    const opening = await modelFor('lead').openingFilter('');
    expect(opening).toBe('event=create');
    expect(await modelFor('lead').openingFilter('category=customer')).toBeNull();

    const leadRows = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', `/api/v1/audit?${opening}`, { token: ws.tokens.lead }), 200);
    expect(leadRows.items.length).toBeGreaterThan(0);
    expect(new Set(leadRows.items.map((row) => row.category))).toEqual(new Set(['customer', 'conversation', 'work_session']));
    const adminRows = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', '/api/v1/audit?event=create', { token: ws.tokens.admin }), 200);
    expect(adminRows.items.some((row) => row.category === 'settings')).toBe(true);
  });

  it('shows the backend’s refusal when a lead tries to delete the admin’s shared view, and keeps it listed', async () => {
    const admin = modelFor('admin');
    admin.draftName.value = 'Team';
    admin.draftShared.value = true;
    await admin.saveAs('');
    const lead = modelFor('lead');
    await lead.load();
    const team = lead.views.value[0]!;
    expect(team.canDelete).toBe(false);
    expect(await lead.confirmDelete(team)).toBeNull();
    expect(lead.error.value).toBe('Only the person who saved a view, or an admin, may delete it.');
    await lead.load();
    expect(lead.views.value.map((view) => view.name)).toEqual(['Team']);
  });
});
