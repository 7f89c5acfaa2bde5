import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { isPanelFrame } from './support/panel';
import { type E2eSession, startSession } from './support/session';
import type { WorkspacePage } from './support/workspace-page';

let session: E2eSession;
let conversation: ConversationFixture;
let tab: WorkspacePage;
/** A page of its own on another port of the backend's host, dressed as a workspace conversation page. */
let lookalike: Server;
beforeAll(async () => {
  session = await startSession();
  conversation = await conversationWithHistory(session.backend);
  tab = await session.panelOnConversation('agent', conversation.id);
  lookalike = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Look-alike</title><main data-testid="conversation-page" data-conversation-id="${conversation.id}">Refund</main>`);
  });
  await new Promise<void>((resolve) => lookalike.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => lookalike?.close(resolve));
});

describe('the panel and the page it sits on', () => {
  it("cannot be reached by the page's own scripts: a closed shadow root holding a frame of the extension's origin", async () => {
    const reach = await tab.page.evaluate(() => {
      const host = document.querySelector('auditdesk-panel');
      return {
        hasHost: host !== null,
        shadowRoot: host?.shadowRoot ?? null,
        framesInDocument: document.querySelectorAll('iframe').length,
        frameWindows: window.frames.length,
        pageText: document.body.textContent ?? '',
      };
    });

    expect(reach).toMatchObject({ hasHost: true, shadowRoot: null, framesInDocument: 0, frameWindows: 0 });
    expect(new URL((await tab.panel.frame()).url()).protocol).toBe('chrome-extension:');
    // The panel shows the history…
    const [newest] = await tab.panel.events();
    expect(newest?.text).toBeTruthy();
    // …which the page's document does not hold.
    expect(reach.pageText).not.toContain('Restore previous value');
  });

  it('does not appear on a page on another port of the same host, even with a workspace path and subject', async () => {
    const page = await session.ext.browser.newPage();
    try {
      const { port } = lookalike.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/workspace/conversations/${conversation.id}`);
      await page.waitForSelector('[data-testid="conversation-page"]');
      // The content script runs at document_idle; give it time to (not) add the panel.
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      expect(await page.evaluate(() => document.querySelector('auditdesk-panel') !== null)).toBe(false);
      expect(page.frames().some(isPanelFrame)).toBe(false);
    } finally {
      await page.close();
    }
  });
});
