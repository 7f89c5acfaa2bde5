import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
const USER = '01JD00000000000000000000S1';
const KEY = '01JD00000000000000000000K1';
const workspacePage = 'http://127.0.0.1:8787/workspace/customers/01JD00000000000000000000C1';
const senderContext = async () => ({
  extensionId: EXTENSION_ID,
  extensionBaseUrl: `chrome-extension://${EXTENSION_ID}/`,
  workspacePatterns: workspacePatternsWith([], 'http://127.0.0.1:8787'),
});
const optionsPage: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/options.html#settings` };
const panel: SenderInfo = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/panel.html`, frameId: 3, tab: { id: 7, url: workspacePage } };
const workspaceScript: SenderInfo = { id: EXTENSION_ID, url: workspacePage, frameId: 0, tab: { id: 7, url: workspacePage } };

const admin = { id: '01JD00000000000000000000A1', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', orgId: 'o1' };
const lockedUser = {
  id: USER,
  email: 'alex@demo.test',
  name: 'Alex Agent',
  role: 'agent',
  disabledAt: null,
  passwordChangedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  lock: { lockedUntil: null, failures: 0, lockouts: 0, failuresThisHour: 0 },
};
const key = { id: KEY, name: 'Sync', kind: 'api', prefix: 'adk_123456', scopes: ['entities:read'], createdById: admin.id, createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null };

async function signedInHandlers() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user: admin }),
    [`POST /users/${USER}/unlock`]: () => json(200, lockedUser),
    'POST /api-keys': () => json(201, { ...key, secret: 'adk_123456_secret' }),
    [`PATCH /api-keys/${KEY}`]: (call) => json(200, { ...key, ...(call.body as object) }),
    'PUT /settings/retention': (call) => json(200, call.body),
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined });
  const signIn = await handlers.signIn({ backendUrl: 'http://localhost:8787', email: admin.email, password: 'pw' }, optionsPage);
  expect(signIn.ok).toBe(true);
  return { backend, handlers };
}

describe("the background's workspace administration messages", () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays an unlock from the options page to the backend with the session', async () => {
    const { backend, handlers } = await signedInHandlers();
    const result = await handlers.unlockUser({ id: USER }, optionsPage);
    expect(result).toMatchObject({ ok: true, value: { id: USER, lock: { lockedUntil: null } } });
    const call = backend.calls.at(-1)!;
    expect(`${call.method} ${call.path}`).toBe(`POST /users/${USER}/unlock`);
    expect(call.headers.get('authorization')).toBe('Bearer tok');
  });

  it('relays a change of a key’s scopes as PATCH and answers the key as the backend holds it', async () => {
    const { backend, handlers } = await signedInHandlers();
    const result = await handlers.updateApiKey({ id: KEY, patch: { scopes: ['audit:read', 'events:ingest'] } }, optionsPage);
    expect(result).toMatchObject({ ok: true, value: { id: KEY, scopes: ['audit:read', 'events:ingest'] } });
    const call = backend.calls.at(-1)!;
    expect(`${call.method} ${call.path}`).toBe(`PATCH /api-keys/${KEY}`);
    expect(call.body).toEqual({ scopes: ['audit:read', 'events:ingest'] });
  });

  it('refuses a change of scopes naming an unknown scope or none, without calling the backend', async () => {
    const { backend, handlers } = await signedInHandlers();
    const calls = backend.calls.length;
    for (const scopes of [['billing:write'], []]) {
      expect(await handlers.updateApiKey({ id: KEY, patch: { scopes } } as never, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    }
    expect(backend.calls.length).toBe(calls);
  });

  it("answers the new key with its secret, and the retention as the backend stored it", async () => {
    const { handlers } = await signedInHandlers();
    expect(await handlers.createApiKey({ name: 'Sync', kind: 'api' }, optionsPage)).toMatchObject({ ok: true, value: { secret: 'adk_123456_secret' } });
    expect(await handlers.setRetention({ days: 400, categoryDays: { billing: 2555 } }, optionsPage)).toEqual({
      ok: true,
      value: { days: 400, categoryDays: { billing: 2555 } },
    });
  });

  it('refuses them from the panel and from a workspace page, without calling the backend', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    for (const sender of [panel, workspaceScript]) {
      expect(await handlers.unlockUser({ id: USER }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.createApiKey({ name: 'Sync', kind: 'api' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.listUsers({ cursor: null }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(backend.calls.length).toBe(before);
  });

  it('refuses a malformed request: an id that is not one, a retention below the minimum, an unknown key kind', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    expect(await handlers.unlockUser({ id: '../settings' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.setRetention({ days: 1 }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.createApiKey({ name: 'x', kind: 'root' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.updateUser({ id: USER, patch: { password: 'x' } }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls.length).toBe(before);
  });
});
