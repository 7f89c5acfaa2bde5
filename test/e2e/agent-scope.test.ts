import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/audit-event';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { type E2eSession, startSession } from './support/session';
import type { WorkspacePage } from './support/workspace-page';

/*
 * What an agent may see (backend/auth/permissions.ts): the whole history of
 * a customer or conversation, and no settings events. Settings objects do
 * take part in a conversation's story: here the admin writes a shortcut
 * (settings rows in the workspace log) and the agent uses it in the
 * conversation (conversation rows, section "shortcut"). The agent's panel
 * shows the use, never the shortcut's own settings rows.
 */

let session: E2eSession;
let conversation: ConversationFixture;
let tab: WorkspacePage;
let settingsEventIds: string[];
let appliedEventIds: string[];
beforeAll(async () => {
  session = await startSession();
  const { admin, agent } = session.backend.api;
  conversation = await conversationWithHistory(session.backend);
  const shortcut = await admin.json<{ id: string }>('POST', '/api/v1/shortcuts', {
    name: 'Close as resolved',
    actions: [{ property: 'status', value: 'done' }],
  });
  await admin.json('PATCH', `/api/v1/shortcuts/${shortcut.id}`, { name: 'Close as solved' });
  await agent.json('POST', `/api/v1/conversations/${conversation.id}/shortcuts/${shortcut.id}/apply`, {});

  const settingsLog = await admin.json<AuditPage>('GET', '/api/v1/audit?category=settings&section=shortcut');
  settingsEventIds = settingsLog.items.map((event) => event.id);
  const history = await agent.conversationHistory(conversation.id);
  appliedEventIds = history.items.filter((event) => event.event === 'shortcut_applied').map((event) => event.id);

  tab = await session.panelOnConversation('agent', conversation.id);
});
afterAll(async () => {
  await session?.close();
});

describe('an agent and settings events', () => {
  it("sees the shortcut's use in the conversation's panel but none of the shortcut's settings events", async () => {
    expect(settingsEventIds.length).toBeGreaterThanOrEqual(2); // the shortcut's create and rename
    expect(appliedEventIds.length).toBeGreaterThanOrEqual(1);

    const shown = await tab.panel.eventIds();
    expect(shown).toEqual(expect.arrayContaining(appliedEventIds));
    expect(shown.filter((id) => settingsEventIds.includes(id))).toEqual([]);
    expect(shown).toEqual((await session.backend.api.agent.conversationHistory(conversation.id)).items.map((event) => event.id));
  });

  it("is refused (403) when asking the log or the live stream for settings events", async () => {
    const { agent } = session.backend.api;
    for (const path of ['/api/v1/audit?category=settings', '/api/v1/audit/stream?category=settings']) {
      const res = await agent.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    // Without the filter the log is narrowed to the agent's categories, not refused.
    const log = await agent.json<AuditPage>('GET', '/api/v1/audit?limit=200');
    expect(log.items.some((event) => event.category === 'settings')).toBe(false);
  });

  it("finds no settings events in the conversation's own history, for an agent or an admin", async () => {
    for (const who of ['agent', 'admin'] as const) {
      const page = await session.backend.api[who].conversationHistory(conversation.id, 'category=settings');
      expect(page.items, who).toEqual([]);
    }
  });
});
