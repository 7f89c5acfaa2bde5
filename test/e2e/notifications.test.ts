import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppNotification, NotificationPage, Watch } from '../../shared/api-client';
import type { Role } from '../../shared/enums';
import { ApiClient } from './support/api';
import { EMAILS, type E2eBackend, PASSWORD, startBackend } from './support/backend';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { ExtensionWorker } from './support/extension-worker';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { PopupPage } from './support/popup-page';

/*
 * Notifications end to end: watches made through the API, changes made
 * through the API by other people, and what the built extension's
 * background does about them, observed from its service worker (the
 * desktop notifications it shows, its badge) and its popup. One browser
 * profile for the file, so it can be closed and opened again.
 */

/** Generous: the product aims at well under a second from commit to notification. */
const DELIVERY_MS = 10_000;
/** A match joins the watch's latest notification when that one started less than this before. */
const BURST_MS = 10_000;

let backend: E2eBackend;
let profile: string;
let ext: ExtensionBrowser;
let worker: ExtensionWorker;
let conversation: ConversationFixture;
let conversationWatch: Watch;

async function openBrowser(): Promise<void> {
  ext = await launchWithExtension({ userDataDir: profile });
  worker = new ExtensionWorker(ext);
  await worker.grantNotifications();
}

async function signInExtension(role: Role): Promise<void> {
  const popup = await PopupPage.open(ext);
  if (await popup.page.$('[data-testid="popup-sign-out"]')) await popup.signOut();
  await popup.signIn({ backendUrl: backend.url, email: EMAILS[role], password: PASSWORD });
  await popup.close();
}

function notificationsOf(api: ApiClient): Promise<NotificationPage> {
  return api.json<NotificationPage>('GET', '/api/v1/notifications?limit=100');
}

/** Polls `api`'s notifications until one satisfies `wanted`. */
async function waitForNotification(api: ApiClient, wanted: (n: AppNotification) => boolean): Promise<AppNotification> {
  const deadline = Date.now() + DELIVERY_MS;
  for (;;) {
    const found = (await notificationsOf(api)).items.find(wanted);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such notification within ${DELIVERY_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

beforeAll(async () => {
  backend = await startBackend();
  profile = mkdtempSync(join(tmpdir(), 'auditdesk-e2e-profile-'));
  await openBrowser();
  conversation = await conversationWithHistory(backend, 'Refund for order 2291');
  conversationWatch = await backend.api.lead.json<Watch>('POST', '/api/v1/watches', { subject: { type: 'conversation', id: conversation.id } });
  await signInExtension('lead');
});
afterAll(async () => {
  await ext?.close();
  await backend?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('notifications in the extension', () => {
  let first: AppNotification;
  /** The conversation watch's notifications so far. */
  const seen = new Set<string>();

  it('shows a notification when another person changes a watched conversation, lists it in the popup and counts it on the badge', async () => {
    await backend.api.agent.patchConversation(conversation.id, { priority: 'urgent' });
    first = await waitForNotification(backend.api.lead, (n) => n.watch.id === conversationWatch.id);
    seen.add(first.id);

    const shown = await worker.waitForShown(first.id);
    expect(shown.title).toBe(first.title);
    expect(shown.body).toBe(first.body);
    await worker.waitForBadge('1');

    const popup = await PopupPage.open(ext);
    expect(await popup.notifications()).toEqual([{ id: first.id, unread: true, text: expect.stringContaining(first.title) }]);
    expect(await popup.unreadCount()).toBe(1);
    await popup.markAllRead();
    await worker.waitForBadge('');
    await popup.close();
  });

  it('after the browser is closed and opened again, shows a change made meanwhile exactly once', async () => {
    // Past the burst window, the change below is a notification of its own rather than the first one grown.
    await sleep(Date.parse(first.firstAt) + BURST_MS + 500 - Date.now());
    await ext.close();

    await backend.api.agent.patchConversation(conversation.id, { priority: 'low' });
    const meanwhile = await waitForNotification(backend.api.lead, (n) => n.watch.id === conversationWatch.id && !seen.has(n.id));
    seen.add(meanwhile.id);

    await openBrowser();
    // The session lives only as long as the browser; the position in the stream outlives it.
    await signInExtension('lead');
    await worker.waitForShown(meanwhile.id);
    await sleep(1_000);
    expect((await worker.shown()).map((n) => n.tag)).toEqual([meanwhile.id]);
    await worker.waitForBadge('1');

    const popup = await PopupPage.open(ext);
    expect((await popup.notifications()).map((n) => [n.id, n.unread])).toEqual([
      [meanwhile.id, true],
      [first.id, false],
    ]);
    await popup.close();
  });

  it('fires a threshold watch on failed sign-ins once for five failures, and not again for a sixth', async () => {
    await signInExtension('admin');
    const { admin } = backend.api;
    const target = await admin.json<{ id: string; email: string }>('POST', '/api/v1/users', {
      email: 'sam.target@demo.test',
      name: 'Sam Target',
      role: 'agent',
      password: 'a long enough password 42',
    });
    const threshold = await admin.json<Watch>('POST', '/api/v1/watches', { filter: 'event=login_failed', threshold: { count: 5, minutes: 10 } });
    const failSignIn = () => ApiClient.signIn(backend.url, target.email, 'not the password').catch(() => undefined);

    for (let i = 0; i < 5; i++) await failSignIn();
    const fired = await waitForNotification(admin, (n) => n.watch.id === threshold.id);
    expect(fired.count).toBe(5);
    await worker.waitForShown(fired.id);

    // A watch of the same events without a threshold shows when the sixth has been matched.
    const every = await admin.json<Watch>('POST', '/api/v1/watches', { filter: 'event=login_failed' });
    await failSignIn();
    const sixth = await waitForNotification(admin, (n) => n.watch.id === every.id);
    await worker.waitForShown(sixth.id);

    const fromThreshold = (await notificationsOf(admin)).items.filter((n) => n.watch.id === threshold.id);
    expect(fromThreshold.map((n) => [n.id, n.count])).toEqual([[fired.id, 5]]);
    expect((await worker.shown()).map((n) => n.tag).sort()).toEqual([fired.id, sixth.id].sort());
  });

  it('stops notifying a lead of sign-ins once they are demoted to agent, while their conversation watch goes on', async () => {
    await signInExtension('lead');
    const { lead, admin } = backend.api;
    const sessions = await lead.json<Watch>('POST', '/api/v1/watches', { filter: 'category=work_session' });
    await ApiClient.signIn(backend.url, EMAILS.admin, PASSWORD);
    const before = await waitForNotification(lead, (n) => n.watch.id === sessions.id);
    await worker.waitForShown(before.id);

    await admin.json('PATCH', `/api/v1/users/${lead.user.id}`, { role: 'agent' });
    await sleep(Date.parse(before.firstAt) + BURST_MS + 500 - Date.now());
    await ApiClient.signIn(backend.url, EMAILS.admin, PASSWORD);
    // Matched after the sign-in above: once this shows, the sign-in had its chance to.
    await backend.api.agent.patchConversation(conversation.id, { priority: 'high' });
    const control = await waitForNotification(lead, (n) => n.watch.id === conversationWatch.id && !seen.has(n.id));
    await worker.waitForShown(control.id);

    const fromSessions = (await notificationsOf(lead)).items.filter((n) => n.watch.id === sessions.id);
    expect(fromSessions.map((n) => [n.id, n.count])).toEqual([[before.id, before.count]]);
    expect((await worker.shown()).find((n) => n.tag === before.id)?.title).toBe(before.title);
  });
});
