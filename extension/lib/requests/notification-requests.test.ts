import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const WATCH = '01JD00000000000000000000W1';
const NOTE = '01JD00000000000000000000N1';
const senderContext = async () => ({
  extensionId: EXTENSION_ID,
  extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
  workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787'),
});
const popup: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const workspacePage = 'http://127.0.0.1:8787/workspace/conversations/01JD00000000000000000000C1';
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
const contentScript: SenderInfo = { id: EXTENSION_ID, url: workspacePage, frameId: 0, tab: { id: 7, url: workspacePage } };

const user = { id: 'u1', email: 'lead@demo.test', name: 'Lee Lead', role: 'lead', orgId: 'o1' };
const watch = {
  id: WATCH,
  name: 'Conversation “Refund”',
  kind: 'subject',
  subject: { type: 'conversation', id: '01JD00000000000000000000C1', label: 'Refund', property: null },
  filter: null,
  threshold: null,
  includeOwn: false,
  paused: true,
  narrowed: false,
  lastNotifiedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};
const notification = {
  id: NOTE,
  watch: { id: WATCH, name: watch.name, kind: 'subject' },
  title: 'Conversation “Refund”',
  body: 'Alex Agent changed status to done',
  count: 1,
  eventIds: ['01JD00000000000000000000E1'],
  firstAt: '2026-12-03T04:00:00.000Z',
  lastAt: '2026-12-03T04:00:00.000Z',
  category: 'conversation',
  subject: { type: 'conversation', id: '01JD00000000000000000000C1', label: 'Refund' },
  link: { kind: 'subject', type: 'conversation', id: '01JD00000000000000000000C1' },
  createdAt: '2026-12-03T04:00:00.000Z',
  updatedAt: '2026-12-03T04:00:00.000Z',
  readAt: '2026-12-03T04:01:00.000Z',
};

async function signedIn() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
    'GET /watches': () => json(200, { items: [watch] }),
    [`PATCH /watches/${WATCH}`]: () => json(200, watch),
    [`DELETE /watches/${WATCH}`]: () => new Response(null, { status: 204 }),
    'GET /notifications': () => json(200, { items: [notification], nextCursor: null, unreadCount: 0, position: 4 }),
    [`POST /notifications/${NOTE}/read`]: () => json(200, notification),
    'POST /notifications/read-all': () => json(200, { marked: 3, unreadCount: 0, position: 5 }),
    [`POST /notifications/01JD00000000000000000000N2/read`]: () => apiError(404, 'not_found', 'No such notification.'),
  });
  const notificationsRead = vi.fn(async (_count: number | null) => undefined);
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined, notificationsRead });
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: user.email, password: 'pw' }, popup)).ok).toBe(true);
  return { backend, handlers, notificationsRead };
}

describe('watch and notification requests', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lists, pauses and deletes watches for the popup, passing each on to the backend', async () => {
    const { handlers, backend } = await signedIn();
    expect(await handlers.listWatches(undefined, popup)).toEqual({ ok: true, value: [watch] });
    expect(await handlers.updateWatch({ id: WATCH, patch: { paused: true } }, popup)).toEqual({ ok: true, value: watch });
    expect(await handlers.deleteWatch({ id: WATCH }, popup)).toEqual({ ok: true, value: null });
    expect(backend.calls.slice(1).map((call) => [call.method, call.path, call.body])).toEqual([
      ['GET', '/watches', undefined],
      ['PATCH', `/watches/${WATCH}`, { paused: true }],
      ['DELETE', `/watches/${WATCH}`, undefined],
    ]);
  });

  it('lets the panel list and stop its watches, but not read the notifications', async () => {
    const { handlers } = await signedIn();
    expect((await handlers.listWatches(undefined, panel)).ok).toBe(true);
    expect((await handlers.deleteWatch({ id: WATCH }, panel)).ok).toBe(true);
    expect(await handlers.listNotifications({ cursor: null, unread: false }, panel)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses every watch and notification request from a workspace page’s script', async () => {
    const { handlers, backend } = await signedIn();
    expect(await handlers.listWatches(undefined, contentScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.markAllNotificationsRead(undefined, contentScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(backend.calls).toHaveLength(1);
  });

  it('asks for a page of unread notifications with its cursor', async () => {
    const { handlers, backend } = await signedIn();
    const page = await handlers.listNotifications({ cursor: 'abc', unread: true }, popup);
    expect(page).toEqual({ ok: true, value: { items: [notification], nextCursor: null, unreadCount: 0, position: 4 } });
    expect(backend.calls.at(-1)!.path).toBe('/notifications?cursor=abc&unread=true');
  });

  it('tells the badge after marking one read (to fetch the count) and after marking all read (with the count)', async () => {
    const { handlers, notificationsRead } = await signedIn();
    expect(await handlers.markNotificationRead({ id: NOTE }, popup)).toEqual({ ok: true, value: notification });
    expect(notificationsRead).toHaveBeenLastCalledWith(null);
    expect(await handlers.markAllNotificationsRead(undefined, popup)).toEqual({ ok: true, value: { marked: 3, unreadCount: 0, position: 5 } });
    expect(notificationsRead).toHaveBeenLastCalledWith(0);
  });

  it('passes a refusal on with its code and leaves the badge alone', async () => {
    const { handlers, notificationsRead } = await signedIn();
    const answer = await handlers.markNotificationRead({ id: '01JD00000000000000000000N2' }, popup);
    expect(answer).toEqual({ ok: false, error: { code: 'not_found', message: 'No such notification.' } });
    expect(notificationsRead).not.toHaveBeenCalled();
  });

  it('refuses a patch the backend would refuse, before asking it', async () => {
    const { handlers, backend } = await signedIn();
    expect(await handlers.updateWatch({ id: WATCH, patch: { paused: 'yes' } }, popup)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls).toHaveLength(1);
  });
});
