import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { subjectWatch } from '../testing/watches';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const CONVERSATION = '01JD00000000000000000000C1';
const senderContext = async () => ({
  extensionId: EXTENSION_ID,
  extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
  workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787'),
});
const auditPage: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html`, tab: { id: 4, url: `chrome-extension://${EXTENSION_ID}/options.html` } };
const workspacePage = `http://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`;
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
const popup: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const contentScript: SenderInfo = { id: EXTENSION_ID, url: workspacePage, frameId: 0, tab: { id: 7, url: workspacePage } };

const user = { id: 'u1', email: 'lead@demo.test', name: 'Lee Lead', role: 'lead', orgId: 'o1' };
const watch = subjectWatch({ type: 'conversation', id: CONVERSATION, property: 'status' }, 'Refund');

async function signedIn(answer: () => Response = () => json(201, watch)) {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
    'POST /watches': answer,
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined });
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: user.email, password: 'pw' }, popup)).ok).toBe(true);
  return { backend, handlers };
}

describe('createWatch', () => {
  beforeEach(() => fakeBrowser.reset());

  it('makes a watch of a conversation’s status from the panel, with the defaults left to the backend’s schema', async () => {
    const { handlers, backend } = await signedIn();
    const made = await handlers.createWatch({ subject: { type: 'conversation', id: CONVERSATION, property: 'status' } }, panel);
    expect(made).toEqual({ ok: true, value: watch });
    expect(backend.calls[1]).toMatchObject({
      method: 'POST',
      path: '/watches',
      body: { subject: { type: 'conversation', id: CONVERSATION, property: 'status' }, includeOwn: false, paused: false },
    });
  });

  it('makes a threshold watch on a filter from the audit page', async () => {
    const { handlers, backend } = await signedIn();
    const made = await handlers.createWatch({ filter: 'event=login_failed', threshold: { count: 5, minutes: 10 } }, auditPage);
    expect(made.ok).toBe(true);
    expect(backend.calls[1]?.body).toEqual({ filter: 'event=login_failed', threshold: { count: 5, minutes: 10, perActor: false }, includeOwn: false, paused: false });
  });

  it('passes the backend’s refusal of a filter the role does not read on, in its words', async () => {
    const { handlers } = await signedIn(() => apiError(403, 'forbidden', 'Your role may not read settings events.'));
    expect(await handlers.createWatch({ filter: 'category=settings' }, auditPage)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Your role may not read settings events.' },
    });
  });

  it('refuses a watch with both a subject and a filter before asking the backend', async () => {
    const { handlers, backend } = await signedIn();
    const made = await handlers.createWatch({ subject: { type: 'customer', id: CONVERSATION }, filter: 'event=update' }, auditPage);
    expect(made).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls).toHaveLength(1);
  });

  it('refuses createWatch from the workspace page’s content script', async () => {
    const { handlers, backend } = await signedIn();
    const data = { subject: { type: 'conversation' as const, id: CONVERSATION } };
    expect(await handlers.createWatch(data, contentScript)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(backend.calls).toHaveLength(1);
  });
});
