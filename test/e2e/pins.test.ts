import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPage, Watch } from '../../shared/api-client-responses';
import type { AuditPage as ApiPage } from '../../shared/audit-event';
import type { Role } from '../../shared/enums';
import { AuditPage } from './support/audit-page';
import { EMAILS, PASSWORD } from './support/backend';
import { ExtensionWorker } from './support/extension-worker';
import { conversationWithHistory } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { type E2eSession, startSession } from './support/session';

/*
 * Pinning watches from the extension: a lead watches a conversation from the
 * panel and is notified when someone else changes it; an admin sets an
 * alert on a threshold of the audit page's filter; an agent is offered only
 * the event types an agent reads, and the backend refuses the others.
 */

let session: E2eSession;

async function signInAs(role: Role): Promise<void> {
  const popup = await PopupPage.open(session.ext);
  await popup.signOut();
  await popup.signIn({ backendUrl: session.backend.url, email: EMAILS[role], password: PASSWORD });
  await popup.close();
}

async function watchesOf(role: Role): Promise<Watch[]> {
  return (await session.backend.api[role].json<{ items: Watch[] }>('GET', '/api/v1/watches')).items;
}

/** Polls the person's notifications until one of `watchId`'s is there (matching runs as the change commits; the list reads it after). */
async function notificationOf(role: Role, watchId: string): Promise<NotificationPage['items'][number]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const page = await session.backend.api[role].json<NotificationPage>('GET', '/api/v1/notifications');
    const found = page.items.find((notification) => notification.watch.id === watchId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no notification of watch ${watchId}; the list holds ${JSON.stringify(page.items.map((n) => n.title))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('pinning watches from the extension', () => {
  it('a lead pins a conversation from the panel, and is notified when an agent changes it', async () => {
    const worker = new ExtensionWorker(session.ext);
    await worker.grantNotifications();
    const conversation = await conversationWithHistory(session.backend);
    const tab = await session.panelOnConversation('lead', conversation.id);
    expect(await tab.panel.watchSubject()).toContain('Watching this conversation');

    const [watch, ...others] = await watchesOf('lead');
    expect(others).toEqual([]);
    expect(watch).toMatchObject({ kind: 'subject', subject: { type: 'conversation', id: conversation.id, property: null }, paused: false });
    // Making it is on the record, in the notifications section.
    const created = await session.backend.api.admin.json<ApiPage>('GET', '/api/v1/audit?section=notifications&event=create');
    expect(created.items.map((event) => event.subject.id)).toContain(watch!.id);

    await session.backend.api.agent.patchConversation(conversation.id, { status: 'done' });
    const notification = await notificationOf('lead', watch!.id);
    expect(notification).toMatchObject({ readAt: null, subject: { type: 'conversation', id: conversation.id }, link: { kind: 'subject', type: 'conversation', id: conversation.id } });
    // And Chrome shows it: the background follows the lead's notifications.
    expect(await worker.waitForShown(notification.id)).toMatchObject({ title: notification.title });
    await tab.close();
  });

  it('a lead pins one property changing to one value from its row', async () => {
    const conversation = await conversationWithHistory(session.backend);
    const priorityRow = await session.backend.api.lead.newestChangeOf(conversation.id, 'priority');
    // The extension is still signed in as the lead.
    const tab = await session.workspaceTab('lead');
    await tab.openConversation(conversation.id);
    await tab.panel.open();
    expect(await tab.panel.watchProperty(priorityRow.id, { onlyValue: true })).toContain('Watching Priority');

    const watch = (await watchesOf('lead')).find((entry) => entry.subject?.id === conversation.id);
    expect(watch?.subject).toMatchObject({ type: 'conversation', id: conversation.id, property: 'priority', value: 'high' });
    await tab.close();
  });

  it('an admin pins a threshold on the audit page’s filter', async () => {
    await signInAs('admin');
    const page = await AuditPage.open(session.ext, 'event=login_failed');
    const made = await page.watchFilter({ threshold: { count: 5, minutes: 10, perActor: true }, name: 'Sign-in attacks' });
    expect(made).toEqual({ ok: true, text: expect.stringContaining('Watching “Sign-in attacks”') });

    const watch = (await watchesOf('admin')).find((entry) => entry.name === 'Sign-in attacks');
    expect(watch).toMatchObject({ kind: 'threshold', filter: 'event=login_failed', threshold: { count: 5, minutes: 10, perActor: true } });
    await page.close();
  });

  it('an agent is offered only the event types an agent reads, and the backend refuses a settings filter', async () => {
    await signInAs('agent');
    const page = await AuditPage.open(session.ext, 'category=settings');
    const form = await page.watchCategoriesOffered();
    expect(form.offered).toEqual(['customer', 'conversation']);
    expect(form.leftOut).toContain('Settings events are left out');
    expect(await page.watchFilter()).toEqual({ ok: false, text: 'Your role does not read Settings events: choose an event type you read.' });
    await page.close();

    const refused = await session.backend.api.agent.request('POST', '/api/v1/watches', { filter: 'category=settings' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await watchesOf('agent')).toEqual([]);
  });
});
