import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const VIEW = '01JD00000000000000000000V1';
const senderContext = async () => ({
  extensionId: EXTENSION_ID,
  extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
  workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787'),
});
/** The audit page: the extension's options page, opened in a tab. */
const auditPage: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html`, tab: { id: 4, url: `chrome-extension://${EXTENSION_ID}/options.html` } };
const workspacePage = 'http://127.0.0.1:8787/workspace/conversations/01JD00000000000000000000C1';
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
const popup: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };

const user = { id: 'u1', email: 'lead@demo.test', name: 'Lee Lead', role: 'lead', orgId: 'o1' };
const view = {
  id: VIEW,
  name: 'Routing',
  filter: 'section=routing',
  shared: true,
  owner: { id: 'u2', name: 'Ada Admin' },
  mine: false,
  canDelete: false,
  default: true,
  narrowed: true,
  readableFilter: 'section=routing',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

async function signedIn() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
    'GET /views': () => json(200, { items: [view] }),
    'POST /views': () => apiError(409, 'conflict', 'You already have a view named “Routing”.'),
    [`PATCH /views/${VIEW}`]: () => json(200, view),
    [`DELETE /views/${VIEW}`]: () => new Response(null, { status: 204 }),
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined });
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: user.email, password: 'pw' }, popup)).ok).toBe(true);
  return { backend, handlers };
}

describe('saved view requests', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers the audit page with the views, and passes its changes on to the backend', async () => {
    const { handlers, backend } = await signedIn();
    expect(await handlers.listViews(undefined, auditPage)).toEqual({ ok: true, value: [view] });
    expect(await handlers.updateView({ id: VIEW, patch: { default: true } }, auditPage)).toEqual({ ok: true, value: view });
    expect(await handlers.deleteView({ id: VIEW }, auditPage)).toEqual({ ok: true, value: null });
    expect(backend.calls.slice(1).map((call) => [call.method, call.path, call.body])).toEqual([
      ['GET', '/views', undefined],
      ['PATCH', `/views/${VIEW}`, { default: true }],
      ['DELETE', `/views/${VIEW}`, undefined],
    ]);
  });

  it('passes the backend’s refusal of a save on, with its code', async () => {
    const { handlers } = await signedIn();
    expect(await handlers.saveView({ name: 'Routing', filter: 'section=routing', shared: false, default: false }, auditPage)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'You already have a view named “Routing”.' },
    });
  });

  it('refuses a view whose filter the log would refuse, before asking the backend', async () => {
    const { handlers, backend } = await signedIn();
    const saved = await handlers.saveView({ name: 'Bad', filter: 'category=everything', shared: false, default: false }, auditPage);
    expect(saved).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls).toHaveLength(1);
  });

  it('refuses view requests from the panel framed on a workspace page', async () => {
    const { handlers, backend } = await signedIn();
    expect(await handlers.listViews(undefined, panel)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await handlers.deleteView({ id: VIEW }, panel)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(backend.calls).toHaveLength(1);
  });
});
