import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, auditRowsOfChange, bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const REFUND = {
  name: 'Refund issued',
  message: 'Your refund is on its way.',
  actions: [
    { property: 'status', value: 'done' },
    { property: 'priority', value: 'low' },
    { property: 'tags', value: ['refund'] },
  ],
};

const createShortcut = (body: object = REFUND) => createAsAdmin<{ id: string; name: string }>(ws, '/api/v1/shortcuts', body);
const createConversation = () => createCustomerAndConversation(ws, { name: 'Where is my refund?', tags: ['billing'] }, 'Ana Ruiz');

describe('shortcut settings', () => {
  it('records a new shortcut as one create row under settings / shortcut', async () => {
    const shortcut = await createShortcut();
    const rows = await auditRowsOf(ws, shortcut.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'settings',
      section: 'shortcut',
      property: null,
      before: null,
      after: { ...REFUND, shareAccess: 'everyone', sharedUsers: [], sharedTeams: [] },
      actor: { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
      subject: { type: 'shortcut', id: shortcut.id, label: 'Refund issued' },
    });
  });

  it('records edits of the message and share access, and nothing for an edit that changes nothing', async () => {
    const shortcut = await createShortcut();
    const edit = { message: 'Refund sent.', shareAccess: 'teams', sharedUsers: [ws.users.lead.id] };
    await bodyOf(await ws.call('PATCH', `/api/v1/shortcuts/${shortcut.id}`, { token: ws.tokens.admin, body: edit }), 200);
    await bodyOf(await ws.call('PATCH', `/api/v1/shortcuts/${shortcut.id}`, { token: ws.tokens.admin, body: edit }), 200);
    const updates = (await auditRowsOf(ws, shortcut.id)).slice(1);
    expect(updates.map((r) => [r.event, r.section, r.property, r.before, r.after])).toEqual([
      ['update', 'shortcut', 'message', REFUND.message, 'Refund sent.'],
      ['update', 'shortcut', 'shareAccess', 'everyone', 'teams'],
      ['update', 'shortcut', 'sharedUsers', [], [ws.users.lead.id]],
    ]);
  });

  it('records a delete as one row holding the last snapshot', async () => {
    const shortcut = await createShortcut();
    await bodyOf(await ws.call('DELETE', `/api/v1/shortcuts/${shortcut.id}`, { token: ws.tokens.admin }), 204);
    const [, deleted] = await auditRowsOf(ws, shortcut.id);
    expect(deleted).toMatchObject({ event: 'delete', category: 'settings', section: 'shortcut', before: { name: 'Refund issued' }, after: null });
  });

  it('refuses shared users that are not in the workspace', async () => {
    const res = await ws.call('POST', '/api/v1/shortcuts', {
      token: ws.tokens.admin,
      body: { ...REFUND, sharedUsers: [UNKNOWN_ID] },
    });
    const { error } = await bodyOf<{ error: { code: string; details: { path: string }[] } }>(res, 400);
    expect(error.details[0]!.path).toBe('sharedUsers');
  });

  it('refuses actions the conversation itself would refuse', async () => {
    for (const action of [
      { property: 'priority', value: 'extreme' },
      { property: 'status', value: 'snoozed' },
      { property: 'channel', value: 'sms' },
      { property: 'tags' },
    ]) {
      const res = await ws.call('POST', '/api/v1/shortcuts', { token: ws.tokens.admin, body: { name: 'Bad', actions: [action] } });
      expect(res.status, JSON.stringify(action)).toBe(400);
    }
  });

  it('lets agents list shortcuts but not change them', async () => {
    const shortcut = await createShortcut();
    const list = await bodyOf<{ items: { id: string }[] }>(await ws.call('GET', '/api/v1/shortcuts', { token: ws.tokens.agent }), 200);
    expect(list.items.map((s) => s.id)).toEqual([shortcut.id]);
    expect((await ws.call('POST', '/api/v1/shortcuts', { token: ws.tokens.agent, body: REFUND })).status).toBe(403);
    expect((await ws.call('DELETE', `/api/v1/shortcuts/${shortcut.id}`, { token: ws.tokens.lead })).status).toBe(403);
  });
});

describe('using a shortcut in a conversation', () => {
  it('records its actions, the message it sends and a shortcut_message row, all as one change', async () => {
    const shortcut = await createShortcut();
    const conversation = await createConversation();
    const result = await bodyOf<{ conversation: { status: string; priority: string; tags: string[] }; message: { id: string; body: string; direction: string; author: object } }>(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, { token: ws.tokens.agent }),
      200,
    );
    expect(result.conversation).toMatchObject({ status: 'done', priority: 'low', tags: ['billing', 'refund'] });
    expect(result.message).toMatchObject({
      body: REFUND.message,
      direction: 'out',
      author: { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name },
    });

    const [latest] = (await auditRowsOf(ws, conversation.id)).slice(-1);
    const change = await auditRowsOfChange(ws, latest!.changeId);
    const ref = { id: shortcut.id, name: 'Refund issued' };
    const agent = { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name };
    expect(change.map((r) => [r.event, r.category, r.section, r.subject.type, r.property, r.before, r.after])).toEqual([
      ['shortcut_applied', 'conversation', 'shortcut', 'conversation', 'status', 'open', 'done'],
      ['shortcut_applied', 'conversation', 'shortcut', 'conversation', 'priority', 'normal', 'low'],
      ['shortcut_applied', 'conversation', 'shortcut', 'conversation', 'tags', ['billing'], ['billing', 'refund']],
      ['create', 'conversation', 'message', 'message', null, null, expect.objectContaining({ body: REFUND.message })],
      ['shortcut_message', 'conversation', 'shortcut', 'conversation', null, null, { messageId: result.message.id, shortcut: ref }],
    ]);
    for (const row of change) {
      expect(row.actor).toEqual(agent);
      expect(row.conversationId).toBe(conversation.id);
    }
    for (const row of change.filter((r) => r.event.startsWith('shortcut_'))) expect(row.context).toEqual({ shortcut: ref });
  });

  it('keeps the message body out of the shortcut_message row, so redaction leaves no copy', async () => {
    const shortcut = await createShortcut();
    const conversation = await createConversation();
    const { message } = await bodyOf<{ message: { id: string } }>(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, { token: ws.tokens.agent }),
      200,
    );
    const logged = async () => JSON.stringify([...(await auditRowsOf(ws, conversation.id)), ...(await auditRowsOf(ws, message.id))]);
    expect(await logged()).toContain(REFUND.message); // the message's own create row, until redacted
    await bodyOf(await ws.call('POST', `/api/v1/messages/${message.id}/redact`, { token: ws.tokens.lead }), 200);
    expect(await logged()).not.toContain(REFUND.message);
  });

  it('only applies the actions when asked not to send the message', async () => {
    const shortcut = await createShortcut();
    const conversation = await createConversation();
    const result = await bodyOf<{ message: null }>(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, {
        token: ws.tokens.agent,
        body: { sendMessage: false },
      }),
      200,
    );
    expect(result.message).toBeNull();
    const events = (await auditRowsOf(ws, conversation.id)).map((r) => r.event);
    expect(events).toEqual(['create', 'shortcut_applied', 'shortcut_applied', 'shortcut_applied']);
  });

  it('refuses to send the message of a shortcut that has none', async () => {
    const shortcut = await createShortcut({ name: 'Close', actions: [{ property: 'status', value: 'done' }] });
    const conversation = await createConversation();
    const res = await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, {
      token: ws.tokens.agent,
      body: { sendMessage: true },
    });
    expect(res.status).toBe(400);
    expect((await auditRowsOf(ws, conversation.id)).map((r) => r.event)).toEqual(['create']);
  });

  it('assigns the users a shortcut names', async () => {
    const shortcut = await createShortcut({ name: 'To the lead', actions: [{ property: 'assignedUsers', value: [ws.users.lead.id] }] });
    const conversation = await createConversation();
    const { conversation: updated } = await bodyOf<{ conversation: { assignedUsers: string[] } }>(
      await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, { token: ws.tokens.agent }),
      200,
    );
    expect(updated.assignedUsers).toEqual([ws.users.lead.id]);
    const [latest] = (await auditRowsOf(ws, conversation.id)).slice(-1);
    expect(latest).toMatchObject({ event: 'shortcut_applied', property: 'assignedUsers', before: [], after: [ws.users.lead.id] });
  });

  it('answers 404 for a shortcut that does not exist and changes nothing', async () => {
    const conversation = await createConversation();
    const res = await ws.call('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${UNKNOWN_ID}/apply`, { token: ws.tokens.agent });
    expect(res.status).toBe(404);
    expect(await auditRowsOf(ws, conversation.id)).toHaveLength(1);
  });
});
