import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { inboundWebhook, streamDestination } from '../admin/testing';
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
const destination = streamDestination();
const webhook = inboundWebhook();

async function signedInHandlers() {
  const backend = fakeBackend({
    'POST /auth/login': () => json(200, { token: 'tok', expiresAt: '2099-01-01T00:00:00.000Z', user: admin }),
    'GET /stream-destinations': () => json(200, { items: [destination] }),
    'POST /stream-destinations': () => json(201, { ...destination, secret: 'whsec_1' }),
    [`PATCH /stream-destinations/${destination.id}`]: () => json(200, destination),
    [`POST /stream-destinations/${destination.id}/pause`]: () => json(200, { ...destination, status: 'paused' }),
    [`POST /stream-destinations/${destination.id}/rotate-secret`]: () => apiError(409, 'conflict', 'A file destination has no secret.'),
    [`DELETE /stream-destinations/${destination.id}`]: () => new Response(null, { status: 204 }),
    'GET /inbound-webhooks': () => json(200, { items: [webhook] }),
    'POST /inbound-webhooks': () => json(201, { ...webhook, secret: 'hd_1' }),
    [`DELETE /inbound-webhooks/${webhook.id}`]: () => new Response(null, { status: 204 }),
  });
  const session = createSessionService({ fetch: backend.fetch, hostPermissionGranted: async () => false });
  const handlers = createRequestHandlers({ session, senderContext, subjectShown: async () => undefined });
  expect((await handlers.signIn({ backendUrl: 'http://localhost:8787', email: admin.email, password: 'pw' }, optionsPage)).ok).toBe(true);
  return { backend, handlers };
}

describe("the background's integration messages", () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays the stream destinations from the options page with the session, a create answering its secret', async () => {
    const { backend, handlers } = await signedInHandlers();

    expect(await handlers.listStreamDestinations(undefined, optionsPage)).toEqual({ ok: true, value: [destination] });
    const made = await handlers.createStreamDestination({ kind: 'webhook', name: 'SIEM', url: 'https://siem.example.com/in', filter: { category: 'settings' } }, optionsPage);
    expect(made).toMatchObject({ ok: true, value: { secret: 'whsec_1' } });
    expect(backend.calls.at(-1)!.body).toEqual({ kind: 'webhook', name: 'SIEM', url: 'https://siem.example.com/in', filter: { category: ['settings'] } });
    expect(await handlers.pauseStreamDestination({ id: destination.id }, optionsPage)).toMatchObject({ ok: true, value: { status: 'paused' } });
    expect(await handlers.updateStreamDestination({ id: destination.id, patch: { pauseAfterMinutes: 60 } }, optionsPage)).toMatchObject({ ok: true });
    expect(await handlers.deleteStreamDestination({ id: destination.id }, optionsPage)).toEqual({ ok: true, value: null });
    expect(backend.calls.at(-1)!.headers.get('authorization')).toBe('Bearer tok');
  });

  it("answers the backend's refusal in its own words", async () => {
    const { handlers } = await signedInHandlers();
    expect(await handlers.rotateStreamDestinationSecret({ id: destination.id }, optionsPage)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'A file destination has no secret.' },
    });
  });

  it('relays the helpdesk webhooks: list, create with its secret, revoke', async () => {
    const { handlers } = await signedInHandlers();
    expect(await handlers.listInboundWebhooks(undefined, optionsPage)).toEqual({ ok: true, value: [webhook] });
    expect(await handlers.createInboundWebhook({ name: 'Kustomer', source: 'kustomer' }, optionsPage)).toMatchObject({ ok: true, value: { secret: 'hd_1' } });
    expect(await handlers.revokeInboundWebhook({ id: webhook.id }, optionsPage)).toEqual({ ok: true, value: null });
  });

  it('refuses them from the panel and from a workspace page, without calling the backend', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    for (const sender of [panel, workspaceScript]) {
      expect(await handlers.listStreamDestinations(undefined, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.createInboundWebhook({ name: 'X', source: 'x' }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await handlers.deleteStreamDestination({ id: destination.id }, sender)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(backend.calls.length).toBe(before);
  });

  it('refuses a destination the schema refuses (plain http to another host, a path for a folder) and an id that is not one', async () => {
    const { backend, handlers } = await signedInHandlers();
    const before = backend.calls.length;
    expect(await handlers.createStreamDestination({ kind: 'webhook', name: 'X', url: 'http://evil.example.com/' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.createStreamDestination({ kind: 'jsonl_file', name: 'X', directory: '../../etc' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await handlers.pauseStreamDestination({ id: '../api-keys' }, optionsPage)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(backend.calls.length).toBe(before);
  });
});
