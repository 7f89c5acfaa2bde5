import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const CONVERSATION = '01JD00000000000000000000C1';
const CHANGE = '01JD00000000000000000000G1';
const AT = '2030-01-01T00:00:00.000Z';
const senderContext = async () => ({
  extensionId: EXTENSION_ID,
  extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
  workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787'),
});
const workspacePage = `http://127.0.0.1:8787/workspace/conversations/${CONVERSATION}`;
const optionsPage: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html?event=update` };
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
const user = { id: 'u1', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', orgId: 'o1' };
const row = (id: string, changeId: string) => ({ id, occurredAt: AT, changeId });

function setup() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user }),
    'GET /audit': () => json(200, { items: [row('01JD00000000000000000000E2', CHANGE), row('01JD00000000000000000000E1', 'other')], nextCursor: 'next' }),
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, subjectShown: async () => undefined, senderContext });
  return { backend, handlers };
}

async function signIn(handlers: ReturnType<typeof setup>['handlers']) {
  const popup: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: user.email, password: 'pw' }, popup)).ok).toBe(true);
}

describe("the background's answers to the audit page", () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks GET /audit with the page filter, the cursor and 200 rows a page', async () => {
    const { handlers, backend } = setup();
    await signIn(handlers);
    const page = await handlers.getLogPage({ query: 'event=update&event=create&notSection=access', cursor: 'abc' }, optionsPage);
    expect(page.ok && page.value.nextCursor).toBe('next');
    expect(backend.calls.at(-1)?.path).toBe('/audit?event=update&event=create&notSection=access&limit=200&cursor=abc');
  });

  it('refuses a query holding anything but filters (a cursor or limit slipped in), asking the backend nothing', async () => {
    const { handlers, backend } = setup();
    await signIn(handlers);
    const before = backend.calls.length;
    const page = await handlers.getLogPage({ query: 'event=update&limit=100000', cursor: null }, optionsPage);
    expect(page).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls.length).toBe(before);
  });

  it("refuses the workspace log to the panel's page: only the audit page asks for it", async () => {
    const { handlers } = setup();
    await signIn(handlers);
    expect(await handlers.getLogPage({ query: '', cursor: null }, panel)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it("answers a page of a change's rows: the log filtered to its changeId, from the cursor given", async () => {
    const { handlers, backend } = setup();
    await signIn(handlers);
    const change = await handlers.getLogChange({ changeId: CHANGE, cursor: 'abc' }, optionsPage);
    expect(change.ok && change.value.nextCursor).toBe('next');
    expect(backend.calls.at(-1)?.path).toBe(`/audit?change=${CHANGE}&limit=200&cursor=abc`);
  });
});
