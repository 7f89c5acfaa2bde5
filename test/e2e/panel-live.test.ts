import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from './support/api';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { type E2eSession, startSession } from './support/session';
import type { WorkspacePage } from './support/workspace-page';

/** The product's promise for live delivery: a change shows in an open panel within 2 s. */
const LIVE_DEADLINE_MS = 2_000;

let session: E2eSession;
let conversation: ConversationFixture;
let watching: WorkspacePage;
beforeAll(async () => {
  session = await startSession();
  conversation = await conversationWithHistory(session.backend);
  watching = await session.panelOnConversation('agent', conversation.id);
});
afterAll(async () => {
  await session?.close();
});

/** The newest change of `property` in the conversation's history, as the API has it. */
function newestChangeOf(property: string): Promise<AuditEvent> {
  return session.backend.api.agent.newestChangeOf(conversation.id, property);
}

describe('live history in the panel', () => {
  it('shows a status change saved in another tab as a new row, without reloading this page', async () => {
    await watching.markDocument();
    // The workspace's status buttons post a form and reload their own page,
    // so the change is made in a second tab and watched arriving in the first.
    const other = await session.workspaceTab();
    await other.openConversation(conversation.id);
    await other.changeStatus('done');
    const change = await newestChangeOf('status');
    expect(change.after).toBe('done');

    const shown = await watching.panel.waitForEvent(change.id, LIVE_DEADLINE_MS);
    expect(shown.isNew).toBe(true);
    expect((await watching.panel.eventIds())[0]).toBe(change.id);
    expect(await watching.wasReloaded()).toBe(false);
    await other.close();
  });

  it('shows a change another person makes through the API, live', async () => {
    await session.backend.api.lead.patchConversation(conversation.id, { priority: 'urgent' });
    const change = await newestChangeOf('priority');

    const shown = await watching.panel.waitForEvent(change.id, LIVE_DEADLINE_MS);
    expect(shown.isNew).toBe(true);
    expect(shown.text).toContain(change.actor.name);
    expect(await watching.wasReloaded()).toBe(false);
  });

  it("shows the page's own status change once the page has loaded again", async () => {
    await watching.changeStatus('open');
    const change = await newestChangeOf('status');
    expect(change.after).toBe('open');

    await watching.panel.open();
    await watching.panel.waitForEvent(change.id);
    // The whole change on top (leaving "done" may clear other properties in the same change).
    const page = await session.backend.api.agent.conversationHistory(conversation.id);
    expect(await watching.panel.eventIds()).toEqual(page.items.map((event) => event.id));
    expect(page.items.filter((event) => event.changeId === change.changeId).map((event) => event.id)).toContain(page.items[0]?.id);
  });
});
