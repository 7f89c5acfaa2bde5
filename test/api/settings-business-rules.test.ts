import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createAsAdmin } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const RULE = {
  name: 'Escalate angry customers',
  description: 'Raise priority when sentiment is negative',
  trigger: { event: 'conversation.created' },
  criteria: { all: [{ field: 'sentiment', op: 'lt', value: 0 }] },
  actions: [{ set: 'priority', value: 'high' }],
};

const createRule = () => createAsAdmin<{ id: string; enabled: boolean }>(ws, '/api/v1/business-rules', RULE);

describe('business rules', () => {
  it('records a new rule as one create row holding its snapshot, filed under settings', async () => {
    const rule = await createRule();
    const rows = await auditRowsOf(ws, rule.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'settings',
      section: 'business_rule',
      property: null,
      before: null,
      after: { ...RULE, enabled: false },
      actor: { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
      subject: { type: 'business_rule', id: rule.id, label: RULE.name },
    });
  });

  it('records an edit of the name and criteria as one row per property', async () => {
    const rule = await createRule();
    const criteria = { all: [{ field: 'sentiment', op: 'lt', value: -0.5 }] };
    await bodyOf(
      await ws.call('PATCH', `/api/v1/business-rules/${rule.id}`, {
        token: ws.tokens.admin,
        body: { name: 'Escalate very angry customers', criteria, actions: RULE.actions },
      }),
      200,
    );
    const updates = (await auditRowsOf(ws, rule.id)).filter((r) => r.event === 'update');
    expect(updates.map((r) => [r.property, r.before, r.after])).toEqual([
      ['name', RULE.name, 'Escalate very angry customers'],
      ['criteria', RULE.criteria, criteria],
    ]);
    expect(updates.every((r) => r.category === 'settings' && r.section === 'business_rule')).toBe(true);
    expect(new Set(updates.map((r) => r.changeId)).size).toBe(1);
  });

  it('writes no row for an edit that changes nothing', async () => {
    const rule = await createRule();
    await bodyOf(
      await ws.call('PATCH', `/api/v1/business-rules/${rule.id}`, {
        token: ws.tokens.admin,
        body: { name: RULE.name, trigger: RULE.trigger },
      }),
      200,
    );
    expect(await auditRowsOf(ws, rule.id)).toHaveLength(1);
  });

  it('records turning a rule on and off as enabled and disabled events', async () => {
    const rule = await createRule();
    const on = await bodyOf<{ enabled: boolean }>(
      await ws.call('POST', `/api/v1/business-rules/${rule.id}/enable`, { token: ws.tokens.admin }),
      200,
    );
    expect(on.enabled).toBe(true);
    await bodyOf(await ws.call('POST', `/api/v1/business-rules/${rule.id}/disable`, { token: ws.tokens.admin }), 200);
    const toggles = (await auditRowsOf(ws, rule.id)).slice(1);
    expect(toggles.map((r) => [r.event, r.category, r.section, r.property, r.before, r.after])).toEqual([
      ['enabled', 'settings', 'business_rule', 'enabled', false, true],
      ['disabled', 'settings', 'business_rule', 'enabled', true, false],
    ]);
  });

  it('records nothing when enabling a rule that is already on', async () => {
    const rule = await createRule();
    await bodyOf(await ws.call('POST', `/api/v1/business-rules/${rule.id}/enable`, { token: ws.tokens.admin }), 200);
    await bodyOf(await ws.call('POST', `/api/v1/business-rules/${rule.id}/enable`, { token: ws.tokens.admin }), 200);
    expect((await auditRowsOf(ws, rule.id)).map((r) => r.event)).toEqual(['create', 'enabled']);
  });

  it('turns rules on and off only through enable and disable, not PATCH', async () => {
    const rule = await createRule();
    const res = await ws.call('PATCH', `/api/v1/business-rules/${rule.id}`, { token: ws.tokens.admin, body: { enabled: true } });
    expect(res.status).toBe(400);
  });

  it('records a delete as one row holding the last snapshot', async () => {
    const rule = await createRule();
    await bodyOf(await ws.call('DELETE', `/api/v1/business-rules/${rule.id}`, { token: ws.tokens.admin }), 204);
    const [, deleted] = await auditRowsOf(ws, rule.id);
    expect(deleted).toMatchObject({ event: 'delete', section: 'business_rule', before: { ...RULE, enabled: false }, after: null });
    expect((await ws.call('GET', `/api/v1/business-rules/${rule.id}`, { token: ws.tokens.admin })).status).toBe(404);
  });

  it('keeps business rules to admins: agents and leads can neither read nor change them', async () => {
    const rule = await createRule();
    for (const token of [ws.tokens.agent, ws.tokens.lead]) {
      expect((await ws.call('GET', '/api/v1/business-rules', { token })).status).toBe(403);
      expect((await ws.call('POST', '/api/v1/business-rules', { token, body: RULE })).status).toBe(403);
      expect((await ws.call('POST', `/api/v1/business-rules/${rule.id}/enable`, { token })).status).toBe(403);
      expect((await ws.call('DELETE', `/api/v1/business-rules/${rule.id}`, { token })).status).toBe(403);
    }
    expect(await auditRowsOf(ws, rule.id)).toHaveLength(1);
  });
});
