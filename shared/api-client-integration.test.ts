import { describe, expect, it } from 'vitest';
import { ApiClient, ApiClientError, type InboundWebhook, type StreamDestination } from './api-client';

const HEALTH: StreamDestination['health'] = {
  state: 'retrying',
  position: 120,
  headSeq: 180,
  lagEvents: 60,
  lagSeconds: 95,
  deliveredCount: 118,
  lastSuccessAt: '2026-12-03T10:10:00.000Z',
  lastErrorAt: '2026-12-03T10:14:00.000Z',
  lastError: 'HTTP 503',
  failingSince: '2026-12-03T10:12:00.000Z',
  nextAttemptAt: '2026-12-03T10:15:00.000Z',
  attempts: 4,
  currentFile: null,
};

const DESTINATION: StreamDestination = {
  id: '01JD00000000000000000000D1',
  name: 'SIEM',
  kind: 'webhook',
  url: 'https://siem.example.com/hooks/auditdesk',
  directory: null,
  rotateBytes: null,
  rotateMinutes: null,
  filter: { category: ['settings', 'authorization'], actorKind: 'person' },
  pauseAfterMinutes: 4320,
  status: 'active',
  pausedReason: null,
  createdAt: '2026-12-03T09:00:00.000Z',
  updatedAt: '2026-12-03T09:00:00.000Z',
  health: HEALTH,
};

const WEBHOOK: InboundWebhook = {
  id: '01JD00000000000000000000W1',
  name: 'Kustomer',
  source: 'kustomer',
  url: 'http://127.0.0.1:8787/api/v1/hooks/helpdesk/01JD00000000000000000000W1',
  createdAt: '2026-12-03T09:00:00.000Z',
  revokedAt: null,
  lastReceivedAt: '2026-12-03T10:00:00.000Z',
  lastRefusedAt: '2026-12-03T10:05:00.000Z',
  lastRefusal: 'stale timestamp',
};

function recordingFetch(answer: (url: URL, init: RequestInit) => Response) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof fetch;
  return { calls, client: new ApiClient({ baseUrl: 'http://x.test/', token: 'tok', fetch: fetchImpl }) };
}

const json = (status: number, body: unknown) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const said = (calls: Array<{ url: URL; init: RequestInit }>) => calls.map((call) => `${call.init.method} ${call.url.pathname}${call.init.body ? ` ${String(call.init.body)}` : ''}`);

describe("ApiClient's stream destination routes", () => {
  it('lists, reads, creates (the secret in the answer), changes, pauses, resumes, rotates and deletes, each on its route', async () => {
    const { calls, client } = recordingFetch((url, init) => {
      if (init.method === 'DELETE') return json(204, null);
      if (url.pathname === '/api/v1/stream-destinations' && init.method === 'GET') return json(200, { items: [DESTINATION] });
      if (url.pathname.endsWith('/rotate-secret') || (url.pathname === '/api/v1/stream-destinations' && init.method === 'POST')) {
        return json(init.method === 'POST' && !url.pathname.endsWith('/rotate-secret') ? 201 : 200, { ...DESTINATION, secret: 'whsec_abc' });
      }
      return json(200, DESTINATION);
    });
    const id = DESTINATION.id;

    expect(await client.streamDestinations()).toEqual([DESTINATION]);
    expect(await client.streamDestination(id)).toEqual(DESTINATION);
    expect(await client.createStreamDestination({ kind: 'webhook', name: 'SIEM', url: DESTINATION.url!, startAt: 'oldest' })).toEqual({ ...DESTINATION, secret: 'whsec_abc' });
    expect(await client.updateStreamDestination(id, { pauseAfterMinutes: 60 })).toEqual(DESTINATION);
    await client.pauseStreamDestination(id);
    await client.resumeStreamDestination(id);
    expect((await client.rotateStreamDestinationSecret(id)).secret).toBe('whsec_abc');
    expect(await client.deleteStreamDestination(id)).toBeUndefined();

    expect(said(calls)).toEqual([
      'GET /api/v1/stream-destinations',
      `GET /api/v1/stream-destinations/${id}`,
      `POST /api/v1/stream-destinations {"kind":"webhook","name":"SIEM","url":"${DESTINATION.url}","startAt":"oldest"}`,
      `PATCH /api/v1/stream-destinations/${id} {"pauseAfterMinutes":60}`,
      `POST /api/v1/stream-destinations/${id}/pause`,
      `POST /api/v1/stream-destinations/${id}/resume`,
      `POST /api/v1/stream-destinations/${id}/rotate-secret`,
      `DELETE /api/v1/stream-destinations/${id}`,
    ]);
    expect(calls.every((call) => new Headers(call.init.headers).get('authorization') === 'Bearer tok')).toBe(true);
  });

  it('takes a file destination without a secret (null) and without a URL', async () => {
    const file = { ...DESTINATION, kind: 'jsonl_file', url: null, directory: 'siem', rotateBytes: 1_048_576, rotateMinutes: 60, secret: null };
    const { client } = recordingFetch(() => json(201, { ...file, health: { ...HEALTH, state: 'caught_up', currentFile: 'events-2026-12-03T09-00-00Z.jsonl' } }));
    const made = await client.createStreamDestination({ kind: 'jsonl_file', name: 'Archive', directory: 'siem' });
    expect(made).toMatchObject({ kind: 'jsonl_file', secret: null, directory: 'siem', health: { currentFile: 'events-2026-12-03T09-00-00Z.jsonl' } });
  });

  it('refuses an answer whose health is not one it knows, naming the route without the id', async () => {
    const { client } = recordingFetch(() => json(200, { items: [{ ...DESTINATION, health: { ...HEALTH, state: 'sleeping' } }] }));
    const failure = await client.streamDestinations().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiClientError);
    expect(failure).toMatchObject({ code: 'invalid_response', message: "The backend's answer to GET /stream-destinations was not understood." });
  });

  it("refuses a create answer without the secret, and hands on the backend's refusal with its code", async () => {
    const missing = recordingFetch(() => json(201, DESTINATION));
    await expect(missing.client.createStreamDestination({ kind: 'webhook', name: 'SIEM', url: DESTINATION.url! })).rejects.toMatchObject({ code: 'invalid_response' });

    const refused = recordingFetch(() => json(409, { error: { code: 'conflict', message: 'A file destination has no secret to rotate.' } }));
    await expect(refused.client.rotateStreamDestinationSecret(DESTINATION.id)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'A file destination has no secret to rotate.',
    });
  });
});

describe("ApiClient's helpdesk webhook routes", () => {
  it('lists, creates (the secret in the answer), rotates and revokes, each on its route', async () => {
    const { calls, client } = recordingFetch((url, init) => {
      if (init.method === 'DELETE') return json(204, null);
      if (init.method === 'GET') return json(200, { items: [WEBHOOK] });
      return json(url.pathname.endsWith('/rotate-secret') ? 200 : 201, { ...WEBHOOK, secret: 'hd_secret' });
    });

    expect(await client.inboundWebhooks()).toEqual([WEBHOOK]);
    expect(await client.createInboundWebhook({ name: 'Kustomer', source: 'kustomer' })).toEqual({ ...WEBHOOK, secret: 'hd_secret' });
    expect((await client.rotateInboundWebhookSecret(WEBHOOK.id)).secret).toBe('hd_secret');
    expect(await client.revokeInboundWebhook(WEBHOOK.id)).toBeUndefined();

    expect(said(calls)).toEqual([
      'GET /api/v1/inbound-webhooks',
      'POST /api/v1/inbound-webhooks {"name":"Kustomer","source":"kustomer"}',
      `POST /api/v1/inbound-webhooks/${WEBHOOK.id}/rotate-secret`,
      `DELETE /api/v1/inbound-webhooks/${WEBHOOK.id}`,
    ]);
  });

  it('refuses a webhook answer without the address the helpdesk posts to', async () => {
    const { url: _url, ...withoutUrl } = WEBHOOK;
    const { client } = recordingFetch(() => json(200, { items: [withoutUrl] }));
    await expect(client.inboundWebhooks()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('encodes an id into the path, so an id cannot reach another route', async () => {
    const { calls, client } = recordingFetch(() => json(204, null));
    await client.revokeInboundWebhook('../api-keys/1');
    expect(calls[0]!.url.pathname).toBe('/api/v1/inbound-webhooks/..%2Fapi-keys%2F1');
  });
});
