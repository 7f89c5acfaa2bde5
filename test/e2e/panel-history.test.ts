import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { type E2eSession, startSession } from './support/session';
import type { WorkspacePage } from './support/workspace-page';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let session: E2eSession;
let conversation: ConversationFixture;
let tab: WorkspacePage;
beforeAll(async () => {
  session = await startSession();
  conversation = await conversationWithHistory(session.backend);
  tab = await session.panelOnConversation('agent', conversation.id);
});
afterAll(async () => {
  await session?.close();
});

describe('the panel on a conversation page', () => {
  it('opens from its toggle on the conversation tab, titled with the conversation', async () => {
    expect(await tab.panel.attributeOf('panel', 'aria-label')).toBe('Audit history');
    expect(await tab.panel.textOf('panel-title')).toContain(conversation.name);
    expect(await tab.panel.attributeOf('tab-conversation', 'aria-selected')).toBe('true');
  });

  it("shows the same events, in the same order, as the API's first page of the conversation's history", async () => {
    const page = await session.backend.api.agent.conversationHistory(conversation.id);
    expect(page.items.length).toBeGreaterThanOrEqual(4); // create, priority, assignee, tags
    expect(await tab.panel.eventIds()).toEqual(page.items.map((event) => event.id));
  });

  it('shows each change with its actor, property and before/after values', async () => {
    const page = await session.backend.api.agent.conversationHistory(conversation.id);
    const priority = page.items.find((event) => event.property === 'priority');
    if (!priority) throw new Error('the fixture has no priority change');
    const shown = await tab.panel.waitForEvent(priority.id);
    expect(shown.property).toBe('priority');
    expect(shown.text).toContain(priority.actor.name);
    expect(shown.text.toLowerCase()).toContain('normal');
    expect(shown.text.toLowerCase()).toContain('high');
  });

  it('shows the assigned user by name, not by id', async () => {
    const page = await session.backend.api.agent.conversationHistory(conversation.id);
    const assignment = page.items.find((event) => event.property === 'assignedUsers');
    if (!assignment) throw new Error('the fixture has no assignment');
    const agent = session.backend.api.agent.user;

    const shown = await tab.panel.waitForValue(assignment.id, 'after', agent.name);

    expect(shown.namedIds).toEqual([agent.id]);
  });

  it('saves a screenshot of the open panel (and the README copy with UPDATE_SCREENSHOT=1)', async () => {
    mkdirSync(`${ROOT}/test-artifacts`, { recursive: true });
    const path = `${ROOT}/test-artifacts/panel-conversation.png`;
    await tab.panel.screenshot(path);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      mkdirSync(`${ROOT}/docs`, { recursive: true });
      copyFileSync(path, `${ROOT}/docs/panel-conversation.png`);
    }
  });
});
