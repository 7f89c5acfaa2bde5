import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createAsAdmin } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const WORKFLOW = {
  name: 'Welcome new customers',
  description: 'Send a welcome message on sign-up',
  triggers: [{ event: 'customer.created' }],
  variables: { greeting: 'Hello' },
  steps: [{ action: 'send_message', template: '{{greeting}}' }],
};

const createWorkflow = () => createAsAdmin<{ id: string }>(ws, '/api/v1/workflows', WORKFLOW);

describe('workflows', () => {
  it('records a new workflow as one create row holding its snapshot', async () => {
    const workflow = await createWorkflow();
    const rows = await auditRowsOf(ws, workflow.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'settings',
      section: 'workflow',
      property: null,
      before: null,
      after: { ...WORKFLOW, enabled: false },
      actor: { type: 'user', id: ws.users.admin.id },
      subject: { type: 'workflow', id: workflow.id, label: WORKFLOW.name },
    });
  });

  it('records changed triggers and variables with their values before and after', async () => {
    const workflow = await createWorkflow();
    const triggers = [{ event: 'customer.created' }, { event: 'customer.updated' }];
    await bodyOf(
      await ws.call('PATCH', `/api/v1/workflows/${workflow.id}`, {
        token: ws.tokens.admin,
        body: { triggers, variables: { greeting: 'Hi' }, steps: WORKFLOW.steps },
      }),
      200,
    );
    const updates = (await auditRowsOf(ws, workflow.id)).slice(1);
    expect(updates.map((r) => [r.event, r.section, r.property, r.before, r.after])).toEqual([
      ['update', 'workflow', 'triggers', WORKFLOW.triggers, triggers],
      ['update', 'workflow', 'variables', { greeting: 'Hello' }, { greeting: 'Hi' }],
    ]);
  });

  it('writes no row for an edit that changes nothing', async () => {
    const workflow = await createWorkflow();
    await bodyOf(
      await ws.call('PATCH', `/api/v1/workflows/${workflow.id}`, { token: ws.tokens.admin, body: { variables: WORKFLOW.variables } }),
      200,
    );
    expect(await auditRowsOf(ws, workflow.id)).toHaveLength(1);
  });

  it('records turning a workflow on and off, and nothing for a repeated disable', async () => {
    const workflow = await createWorkflow();
    for (const action of ['enable', 'disable', 'disable']) {
      await bodyOf(await ws.call('POST', `/api/v1/workflows/${workflow.id}/${action}`, { token: ws.tokens.admin }), 200);
    }
    const toggles = (await auditRowsOf(ws, workflow.id)).slice(1);
    expect(toggles.map((r) => [r.event, r.section, r.property, r.before, r.after])).toEqual([
      ['enabled', 'workflow', 'enabled', false, true],
      ['disabled', 'workflow', 'enabled', true, false],
    ]);
  });

  it('records a delete as one row holding the last snapshot', async () => {
    const workflow = await createWorkflow();
    await bodyOf(await ws.call('DELETE', `/api/v1/workflows/${workflow.id}`, { token: ws.tokens.admin }), 204);
    const rows = await auditRowsOf(ws, workflow.id);
    expect(rows.map((r) => r.event)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ category: 'settings', section: 'workflow', before: { ...WORKFLOW, enabled: false }, after: null });
  });

  it('keeps workflows to admins', async () => {
    const workflow = await createWorkflow();
    const agent = ws.tokens.agent;
    expect((await ws.call('GET', `/api/v1/workflows/${workflow.id}`, { token: agent })).status).toBe(403);
    expect((await ws.call('PATCH', `/api/v1/workflows/${workflow.id}`, { token: agent, body: { name: 'x' } })).status).toBe(403);
    expect((await ws.call('POST', `/api/v1/workflows/${workflow.id}/disable`, { token: agent })).status).toBe(403);
    expect(await auditRowsOf(ws, workflow.id)).toHaveLength(1);
  });
});
