import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkpoint, integrityStatus, verification } from '../admin/testing';
import { createSessionService } from '../session/session-service';
import { workspacePatternsWith } from '../settings/workspace-pattern-defaults';
import { apiError, fakeBackend, json } from '../testing/fake-backend';
import { createRequestHandlers } from './request-handlers';
import type { SenderInfo } from './sender-policy';

const EXTENSION_ID = 'test-extension-id';
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
const file = { payload: checkpoint().payload, signature: checkpoint().signature, keyId: checkpoint().keyId, algorithm: 'Ed25519', publicKey: 'PEM' };

async function signedInHandlers() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user: admin }),
    'GET /audit/integrity': () => json(200, integrityStatus()),
    'GET /audit/verify': () => json(200, verification({ ok: false, firstBadSequence: 57, reason: 'event 57 was changed' })),
    'POST /audit/checkpoints': () => apiError(409, 'empty_log', 'The log has no event to sign yet.'),
    'GET /audit/checkpoints/latest/download': () => json(200, file),
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined });
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: admin.email, password: 'pw' }, optionsPage)).ok).toBe(true);
  return { backend, handlers };
}

describe("the background's tamper evidence messages", () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays the status and a full verification from the options page with the session, a broken chain being an answer', async () => {
    const { backend, handlers } = await signedInHandlers();

    expect(await handlers.getIntegrity(undefined, optionsPage)).toEqual({ ok: true, value: integrityStatus() });
    expect(await handlers.verifyLog({ full: true }, optionsPage)).toMatchObject({ ok: true, value: { ok: false, firstBadSequence: 57 } });

    const call = backend.calls.at(-1)!;
    expect(`${call.method} ${call.path}`).toBe('GET /audit/verify?full=true');
    expect(call.headers.get('authorization')).toBe('Bearer tok');
  });

  it("answers the backend's refusal in its own words, and the checkpoint file with its name", async () => {
    const { handlers } = await signedInHandlers();
    expect(await handlers.signCheckpoint(undefined, optionsPage)).toEqual({
      ok: false,
      error: { code: 'empty_log', message: 'The log has no event to sign yet.' },
    });
    expect(await handlers.downloadCheckpoint({ id: 'latest' }, optionsPage)).toMatchObject({
      ok: true,
      value: { name: `auditdesk-checkpoint-o1-42.json`, file },
    });
  });

  it('refuses them from the panel and from a workspace page, without calling the backend', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    for (const sender of [panel, workspaceScript]) {
      expect(await handlers.getIntegrity(undefined, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.verifyLog({ full: false }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.signCheckpoint(undefined, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.downloadCheckpoint({ id: 'latest' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(backend.calls.length).toBe(before);
  });

  it('refuses a checkpoint id that is not one (a path, say) and a verification option it does not know', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    expect(await handlers.downloadCheckpoint({ id: '../../users' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.verifyLog({ full: 'yes' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.verifyLog({ full: false, from: 1 }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls.length).toBe(before);
  });
});
