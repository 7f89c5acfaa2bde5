import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createAsAdmin } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const SEARCH = { name: 'Urgent open', query: { all: [{ field: 'priority', op: 'eq', value: 'urgent' }] } };

const createSearch = () => createAsAdmin<{ id: string }>(ws, '/api/v1/saved-searches', SEARCH);

describe('saved searches', () => {
  it('records a new search under saved_search, with defaults in the snapshot', async () => {
    const search = await createSearch();
    const rows = await auditRowsOf(ws, search.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'settings',
      section: 'saved_search',
      actor: { type: 'user', id: ws.users.admin.id },
      subject: { type: 'saved_search', id: search.id, label: 'Urgent open' },
      after: { ...SEARCH, enabled: true, badgeEnabled: false, badgeColor: null, icon: null, columns: [] },
    });
  });

  it('files edits of the search settings under search_settings, one row per property', async () => {
    const search = await createSearch();
    await bodyOf(
      await ws.call('PATCH', `/api/v1/saved-searches/${search.id}`, {
        token: ws.tokens.admin,
        body: { name: 'Urgent', badgeEnabled: true, badgeColor: '#FF0000', icon: 'alert-circle', columns: ['status', 'priority'] },
      }),
      200,
    );
    const updates = (await auditRowsOf(ws, search.id)).slice(1);
    expect(updates.map((r) => [r.event, r.category, r.section, r.property, r.before, r.after])).toEqual([
      ['update', 'settings', 'search_settings', 'name', 'Urgent open', 'Urgent'],
      ['update', 'settings', 'search_settings', 'badgeEnabled', false, true],
      ['update', 'settings', 'search_settings', 'badgeColor', null, '#ff0000'],
      ['update', 'settings', 'search_settings', 'icon', null, 'alert-circle'],
      ['update', 'settings', 'search_settings', 'columns', [], ['status', 'priority']],
    ]);
  });

  it('writes no row for an edit that changes nothing', async () => {
    const search = await createSearch();
    await bodyOf(await ws.call('PATCH', `/api/v1/saved-searches/${search.id}`, { token: ws.tokens.admin, body: SEARCH }), 200);
    expect(await auditRowsOf(ws, search.id)).toHaveLength(1);
  });

  it('files turning a search off and on under saved_search', async () => {
    const search = await createSearch();
    await bodyOf(await ws.call('POST', `/api/v1/saved-searches/${search.id}/enable`, { token: ws.tokens.admin }), 200);
    await bodyOf(await ws.call('POST', `/api/v1/saved-searches/${search.id}/disable`, { token: ws.tokens.admin }), 200);
    await bodyOf(await ws.call('POST', `/api/v1/saved-searches/${search.id}/enable`, { token: ws.tokens.admin }), 200);
    const toggles = (await auditRowsOf(ws, search.id)).slice(1);
    expect(toggles.map((r) => [r.event, r.section, r.property, r.before, r.after])).toEqual([
      ['disabled', 'saved_search', 'enabled', true, false],
      ['enabled', 'saved_search', 'enabled', false, true],
    ]);
  });

  it('records a delete under saved_search', async () => {
    const search = await createSearch();
    await bodyOf(await ws.call('DELETE', `/api/v1/saved-searches/${search.id}`, { token: ws.tokens.admin }), 204);
    const rows = await auditRowsOf(ws, search.id);
    expect(rows[1]).toMatchObject({ event: 'delete', section: 'saved_search', before: { name: 'Urgent open' }, after: null });
  });

  it('refuses a badge colour that is not #rrggbb and a user of no workspace', async () => {
    const search = await createSearch();
    for (const body of [{ badgeColor: 'red' }, { visibleToUsers: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] }]) {
      const res = await ws.call('PATCH', `/api/v1/saved-searches/${search.id}`, { token: ws.tokens.admin, body });
      expect(res.status).toBe(400);
    }
    expect(await auditRowsOf(ws, search.id)).toHaveLength(1);
  });

  it('lets agents read saved searches but not change them', async () => {
    const search = await createSearch();
    const list = await bodyOf<{ items: { id: string }[] }>(await ws.call('GET', '/api/v1/saved-searches', { token: ws.tokens.agent }), 200);
    expect(list.items.map((s) => s.id)).toEqual([search.id]);
    const patch = await ws.call('PATCH', `/api/v1/saved-searches/${search.id}`, { token: ws.tokens.agent, body: { name: 'Mine' } });
    expect(patch.status).toBe(403);
    expect((await ws.call('POST', `/api/v1/saved-searches/${search.id}/disable`, { token: ws.tokens.agent })).status).toBe(403);
  });
});
