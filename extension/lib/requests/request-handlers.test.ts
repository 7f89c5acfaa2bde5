import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { authSession } from '../session/session-items';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const CONVERSATION = '01JD00000000000000000000C1';
const EVENT = '01JD00000000000000000000E1';
const LEAD = '01JD00000000000000000000P1';

const WORKSPACE_PATTERNS = workspacePatternsWith([], 'http://127.0.0.1:8787');
const workspacePage = `http://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`;
const otherPortPage = `http://127.0.0.1:9999/workspace/conversations/${CONVERSATION}`;
const senderContext = async () => ({ extensionId: EXTENSION_ID, extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`, workspacePatterns: WORKSPACE_PATTERNS });

const popup: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
/** The panel's page, framed on a workspace page (frame 3 of tab 7). */
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
/** The content script in the top frame of a workspace page. */
const workspaceScript: SenderInfo = { id: EXTENSION_ID, url: workspacePage, frameId: 0, tab: { id: 7, url: workspacePage } };
const otherPortScript: SenderInfo = { id: EXTENSION_ID, url: otherPortPage, frameId: 0, tab: { id: 9, url: otherPortPage } };
const panelOnOtherPort: SenderInfo = { ...panel, tab: { id: 9, url: otherPortPage } };
const otherSiteTab: SenderInfo = { id: EXTENSION_ID, url: 'https://evil.test/workspace/conversations/x', frameId: 0, tab: { id: 8, url: 'https://evil.test/workspace/conversations/x' } };
const otherExtension: SenderInfo = { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' };

const user = { id: 'u1', email: 'agent@demo.test', name: 'Ana Ruiz', role: 'agent', orgId: 'o1' };
const historyRequest = { subject: { type: 'conversation', id: CONVERSATION }, filters: {}, cursor: null };

function setup() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
    [`GET /conversations/${CONVERSATION}/audit`]: () => json(200, { items: [{ id: EVENT, occurredAt: '2030-01-01T00:00:00Z', changeId: 'c' }], nextCursor: null }),
    [`GET /conversations/${CONVERSATION}`]: () => json(200, { id: CONVERSATION, name: 'Refund for order 1182', customerId: 'K1' }),
    'GET /audit/names': () => json(200, { names: { [LEAD]: { type: 'user', name: 'Lee Lead' } } }),
  });
  const historyShown = vi.fn(async () => undefined);
  const subjectShown = vi.fn(async () => undefined);
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, historyShown, subjectShown, senderContext });
  return { backend, handlers, historyShown, subjectShown };
}

async function signInAsAgent(handlers: ReturnType<typeof setup>['handlers']) {
  const result = await handlers.signIn({ backendUrl: 'http://localhost:8787', email: 'agent@demo.test', password: 'pw' }, popup);
  expect(result.ok).toBe(true);
}

describe('the background request handlers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers the panel framed on a workspace page with the subject history', async () => {
    const { handlers, backend, historyShown } = setup();
    await signInAsAgent(handlers);

    const page = await handlers.getHistory(historyRequest, panel);

    expect(page).toEqual({ ok: true, value: { items: [expect.objectContaining({ id: EVENT })], nextCursor: null } });
    expect(backend.calls.at(-1)?.headers.get('authorization')).toBe('Bearer tok');
    expect(historyShown).toHaveBeenCalledWith({ type: 'conversation', id: CONVERSATION }, EVENT);
  });

  it('labels a conversation with its name and its customer', async () => {
    const { handlers } = setup();
    await signInAsAgent(handlers);

    const summary = await handlers.getSubject({ type: 'conversation', id: CONVERSATION }, panel);

    expect(summary).toEqual({ ok: true, value: { subject: { type: 'conversation', id: CONVERSATION }, label: 'Refund for order 1182', customerId: 'K1' } });
  });

  it('names the ids the panel asks about, in one backend request', async () => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    const names = await handlers.getNames([LEAD, EVENT], panel);

    expect(names).toEqual({ ok: true, value: { [LEAD]: { type: 'user', name: 'Lee Lead' } } });
    expect(backend.calls.at(-1)?.path).toBe(`/audit/names?ids=${LEAD},${EVENT}`);
  });

  it.each([
    ['no ids', []],
    ['more than 100 ids', Array.from({ length: 101 }, () => LEAD)],
    ['something that is not an id', ['../users']],
  ])('rejects a names request with %s as an invalid message', async (_, data) => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.getNames(data, panel)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls).toHaveLength(1);
  });

  it('refuses names to a content script on a page that is not a configured workspace', async () => {
    const { handlers } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.getNames([LEAD], otherSiteTab)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a sign-in sent by a content script, even from a workspace page', async () => {
    const { handlers, backend } = setup();

    const result = await handlers.signIn({ backendUrl: 'http://localhost:8787', email: 'a@b.c', password: 'pw' }, workspaceScript);

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(backend.calls).toEqual([]);
  });

  it('refuses history to a content script on a page that is not a configured workspace', async () => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    const result = await handlers.getHistory(historyRequest, otherSiteTab);

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(backend.calls.map((c) => c.path)).toEqual(['/auth/login']);
  });

  it('refuses history to the content script itself, even on a workspace page: only the panel asks', async () => {
    const { handlers } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.getHistory(historyRequest, workspaceScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.restoreEvent({ eventId: EVENT, force: false }, workspaceScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses the panel framed on a page on another port of the workspace host', async () => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.getHistory(historyRequest, panelOnOtherPort)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.getSession(undefined, panelOnOtherPort)).toEqual({ status: 'signed_out' });
    expect(backend.calls.map((c) => c.path)).toEqual(['/auth/login']);
  });

  it("keeps the subjects a workspace page's content script reports, for that tab's panel", async () => {
    const { handlers, subjectShown } = setup();
    const subjects = { customerId: null, conversationId: CONVERSATION, page: '3b241101-e2bb-4255-8caf-4136c566a962', seq: 1 };

    expect(await handlers.setSubject(subjects, workspaceScript)).toEqual({ ok: true, value: null });
    expect(subjectShown).toHaveBeenCalledWith(7, subjects);
  });

  it('refuses the subjects reported from another port of the workspace host, or by the panel', async () => {
    const { handlers, subjectShown } = setup();
    const subjects = { customerId: null, conversationId: CONVERSATION, page: '3b241101-e2bb-4255-8caf-4136c566a962', seq: 1 };

    expect(await handlers.setSubject(subjects, otherPortScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.setSubject(subjects, panel)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(subjectShown).not.toHaveBeenCalled();
  });

  it('tells the panel the stored session without asking the backend (the popup confirms it as it opens)', async () => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.getSession(undefined, panel)).toMatchObject({ status: 'signed_in', user: { role: 'agent' } });
    expect(backend.calls.map((c) => c.path)).toEqual(['/auth/login']);
  });

  it('refuses messages from another extension', async () => {
    const { handlers } = setup();
    await signInAsAgent(handlers);

    expect(await handlers.restoreEvent({ eventId: EVENT, force: true }, otherExtension)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.getSession(undefined, otherExtension)).toEqual({ status: 'signed_out' });
  });

  it('keeps the session when a content script asks to sign out', async () => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    await handlers.signOut(undefined, workspaceScript);

    expect(await authSession.getValue()).toMatchObject({ token: 'tok' });
    expect(backend.calls.map((c) => c.path)).toEqual(['/auth/login']);
  });

  it.each([
    ['a wrong subject type', { ...historyRequest, subject: { type: 'company', id: CONVERSATION } }],
    ['an id that is not an id', { ...historyRequest, subject: { type: 'conversation', id: '../users' } }],
    ['an unknown field', { ...historyRequest, admin: true }],
    ['an unknown filter', { ...historyRequest, filters: { category: 'billing' } }],
    ['no data at all', undefined],
    ['a string instead of an object', 'getHistory'],
  ])('rejects a history request with %s as an invalid message', async (_, data) => {
    const { handlers, backend } = setup();
    await signInAsAgent(handlers);

    const result = await handlers.getHistory(data, panel);

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls).toHaveLength(1);
  });

  it('passes a restore conflict on with its details', async () => {
    const details = { current: 'done', before: 'open', after: 'snoozed' };
    const backend = fakeBackend({
      'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
      [`POST /audit/${EVENT}/restore`]: () => apiError(409, 'conflict', 'The value changed since.', details),
    });
    const handlers = createRequestHandlers({
      session: createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false }),
      subjectShown: async () => undefined,
      senderContext,
    });
    await signInAsAgent(handlers);

    const result = await handlers.restoreEvent({ eventId: EVENT, force: false }, panel);

    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'The value changed since.', details } });
  });
});

describe('getSession, asked as the popup opens', () => {
  beforeEach(() => fakeBrowser.reset());

  function handlersAnswering(me: () => Response | Promise<Response>) {
    const backend = fakeBackend({
      'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
      'GET /auth/me': me,
    });
    const handlers = createRequestHandlers({
      session: createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false }),
      subjectShown: async () => undefined,
      senderContext,
    });
    return { backend, handlers };
  }

  it('confirms the session with the backend and shows who is signed in', async () => {
    const { backend, handlers } = handlersAnswering(() => json(200, { user: { id: 'u1', email: user.email, name: user.name, role: 'agent' }, orgId: 'o1' }));
    await signInAsAgent(handlers);

    const state = await handlers.getSession(undefined, popup);

    expect(state).toEqual({ status: 'signed_in', backendUrl: 'http://localhost:8787', user, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(backend.calls.at(-1)).toMatchObject({ method: 'GET', path: '/auth/me' });
    expect(backend.calls.at(-1)?.headers.get('authorization')).toBe('Bearer tok');
  });

  it('shows the role and name the backend has now, after an admin changed them', async () => {
    const { handlers } = handlersAnswering(() => json(200, { user: { id: 'u1', email: user.email, name: 'Ana Ruiz-Lee', role: 'lead' }, orgId: 'o1' }));
    await signInAsAgent(handlers);

    expect(await handlers.getSession(undefined, popup)).toMatchObject({ status: 'signed_in', user: { ...user, name: 'Ana Ruiz-Lee', role: 'lead' } });
    expect(await authSession.getValue()).toMatchObject({ token: 'tok', user: { role: 'lead', name: 'Ana Ruiz-Lee' } });
  });

  it('signs out when the server no longer accepts the session (signed out elsewhere, new password)', async () => {
    const { handlers } = handlersAnswering(() => apiError(401, 'unauthenticated', 'The session has ended.'));
    await signInAsAgent(handlers);

    expect(await handlers.getSession(undefined, popup)).toEqual({ status: 'signed_out' });
    expect(await authSession.getValue()).toBeNull();
  });

  it('keeps the session, marked offline, when the backend cannot be reached', async () => {
    const { handlers } = handlersAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    await signInAsAgent(handlers);

    expect(await handlers.getSession(undefined, popup)).toMatchObject({ status: 'signed_in', offline: true, user });
    expect(await authSession.getValue()).toMatchObject({ token: 'tok' });
  });
});
