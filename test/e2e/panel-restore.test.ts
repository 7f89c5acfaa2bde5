import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from './support/api';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { type E2eSession, startSession } from './support/session';
import type { WorkspacePage } from './support/workspace-page';

let session: E2eSession;
let tab: WorkspacePage;
let conversation: ConversationFixture;
beforeAll(async () => {
  session = await startSession();
  await session.signInExtension('agent');
  tab = await session.workspaceTab('agent');
});
beforeEach(async () => {
  conversation = await conversationWithHistory(session.backend);
});
afterAll(async () => {
  await session?.close();
});

/** The newest change of `property` in the conversation's history, as the API has it. */
function newestChangeOf(property: string): Promise<AuditEvent> {
  return session.backend.api.agent.newestChangeOf(conversation.id, property);
}

/** The next change of `property` after `previous`, once the backend has it (the panel's request may still be on its way). */
function nextChangeOf(property: string, previous: AuditEvent): Promise<AuditEvent> {
  return vi.waitFor(
    async () => {
      const event = await newestChangeOf(property);
      if (event.id === previous.id) throw new Error(`no new ${property} change yet`);
      return event;
    },
    { timeout: 10_000, interval: 50 },
  );
}

async function historyIds(): Promise<string[]> {
  return (await session.backend.api.agent.conversationHistory(conversation.id)).items.map((event) => event.id);
}

describe('restoring a value from the panel', () => {
  it('puts the previous status back, and the workspace shows it', async () => {
    await session.backend.api.lead.patchConversation(conversation.id, { status: 'done' });
    const closed = await newestChangeOf('status');
    await tab.openConversation(conversation.id);
    expect(await tab.status()).toBe('Done');
    await tab.panel.open();

    await tab.panel.restore(closed.id);
    const restored = await nextChangeOf('status', closed);
    expect(restored.after).toBe('open');
    // The new row arrives in the panel like any other change.
    await tab.panel.waitForEvent(restored.id);

    // The demo workspace renders on the server and does not update itself:
    // a new page load is what shows the stored value.
    await tab.reload();
    expect(await tab.status()).toBe('Open');
  });

  describe('when the value changed again since the event', () => {
    let raised: AuditEvent;
    beforeEach(async () => {
      // normal → high (the fixture) is the event restored below; then someone else makes it urgent.
      raised = await newestChangeOf('priority');
      await session.backend.api.lead.patchConversation(conversation.id, { priority: 'urgent' });
      await tab.openConversation(conversation.id);
      await tab.panel.open();
      await tab.panel.restore(raised.id);
    });

    it('shows the current value in a conflict dialog, and keeping it changes nothing', async () => {
      expect((await tab.panel.conflictCurrent()).toLowerCase()).toContain('urgent');
      const before = await historyIds();

      await tab.panel.keepCurrent();
      expect((await session.backend.api.agent.getConversation(conversation.id)).priority).toBe('urgent');
      expect(await historyIds()).toEqual(before);
      await tab.reload();
      expect(await tab.priority()).toBe('Urgent');
    });

    it('restores the older value when the agent forces it', async () => {
      expect((await tab.panel.conflictCurrent()).toLowerCase()).toContain('urgent');

      const urgent = await newestChangeOf('priority');
      await tab.panel.forceRestore();
      const restored = await nextChangeOf('priority', urgent);
      expect(restored.before).toBe('urgent');
      expect(restored.after).toBe(raised.before);
      expect((await session.backend.api.agent.getConversation(conversation.id)).priority).toBe('normal');
      await tab.reload();
      expect(await tab.priority()).toBe('Normal');
    });
  });
});
