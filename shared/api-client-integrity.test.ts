import { describe, expect, it } from 'vitest';
import { ApiClient, ApiClientError, type Checkpoint, type IntegrityStatus, type Verification } from './api-client';

const CHECKPOINT: Checkpoint = {
  id: '01JD00000000000000000000P1',
  seq: 42,
  hash: 'ab'.repeat(32),
  signedAt: '2026-12-03T07:00:00.000Z',
  previous: null,
  keyId: '0123456789abcdef',
  reason: 'schedule',
  digest: 'cd'.repeat(32),
  payload: '{"hash":"ab","keyId":"0123456789abcdef","orgId":"o1","previous":null,"seq":42,"signedAt":"2026-12-03T07:00:00.000Z","v":1}',
  signature: 'c2lnbmF0dXJl',
};

const VERIFICATION: Verification = {
  id: '01JD00000000000000000000V1',
  ok: true,
  checked: 42,
  firstBadSequence: null,
  reason: null,
  trigger: 'demand',
  startedAt: '2026-12-03T07:05:00.000Z',
  finishedAt: '2026-12-03T07:05:01.000Z',
  fromSequence: 1,
  toSequence: 42,
  checkpointId: CHECKPOINT.id,
};

const KEY = { algorithm: 'Ed25519' as const, keyId: '0123456789abcdef', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n' };

const STATUS: IntegrityStatus = {
  head: { seq: 42, hash: 'ab'.repeat(32) },
  anchor: null,
  lastVerification: VERIFICATION,
  latestCheckpoint: CHECKPOINT,
  signingKey: KEY,
  schedule: { checkpointMinutes: 60, verifyMinutes: 60 },
};

const FILE = { payload: CHECKPOINT.payload, signature: CHECKPOINT.signature, keyId: KEY.keyId, algorithm: 'Ed25519', publicKey: KEY.publicKey };

function recordingFetch(answer: (url: URL, init: RequestInit) => Response) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof fetch;
  return { calls, fetchImpl, client: new ApiClient({ baseUrl: 'http://x.test/', token: 'tok', fetch: fetchImpl }) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe("ApiClient's tamper evidence routes", () => {
  it('reads the integrity status, runs a verification (full when asked) and lists the recorded runs', async () => {
    const { calls, client } = recordingFetch((url) => {
      if (url.pathname === '/api/v1/audit/integrity') return json(200, STATUS);
      if (url.pathname === '/api/v1/audit/verify') return json(200, VERIFICATION);
      return json(200, { items: [VERIFICATION] });
    });

    expect(await client.integrity()).toEqual(STATUS);
    expect(await client.verify()).toEqual(VERIFICATION);
    await client.verify({ full: true });
    expect(await client.verifications(5)).toEqual([VERIFICATION]);

    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'GET /api/v1/audit/integrity',
      'GET /api/v1/audit/verify',
      'GET /api/v1/audit/verify?full=true',
      'GET /api/v1/audit/verifications?limit=5',
    ]);
    expect(calls.every((call) => new Headers(call.init.headers).get('authorization') === 'Bearer tok')).toBe(true);
  });

  it('signs a checkpoint, pages the checkpoints with the cursor, and reads one by id', async () => {
    const { calls, client } = recordingFetch((url, init) => {
      if (init.method === 'POST') return json(201, CHECKPOINT);
      if (url.pathname === '/api/v1/audit/checkpoints') return json(200, { items: [CHECKPOINT], nextCursor: 'next' });
      return json(200, CHECKPOINT);
    });

    expect(await client.signCheckpoint()).toEqual(CHECKPOINT);
    expect(await client.checkpoints({ limit: 10, cursor: 'c1' })).toEqual({ items: [CHECKPOINT], nextCursor: 'next' });
    expect(await client.checkpoint(CHECKPOINT.id)).toEqual(CHECKPOINT);

    expect(calls.map((call) => `${call.init.method} ${call.url.pathname}${call.url.search}`)).toEqual([
      'POST /api/v1/audit/checkpoints',
      'GET /api/v1/audit/checkpoints?limit=10&cursor=c1',
      `GET /api/v1/audit/checkpoints/${CHECKPOINT.id}`,
    ]);
  });

  it('answers null for the latest checkpoint before the first is signed, and passes an empty log refusal on', async () => {
    const { client } = recordingFetch((_url, init) =>
      init.method === 'POST'
        ? json(409, { error: { code: 'empty_log', message: 'The log has no event to sign yet.' } })
        : json(404, { error: { code: 'not_found', message: 'No checkpoint yet.' } }),
    );

    expect(await client.latestCheckpoint()).toBeNull();
    const refusal = await client.signCheckpoint().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiClientError);
    expect(refusal).toMatchObject({ status: 409, code: 'empty_log', message: 'The log has no event to sign yet.' });
  });

  it('refuses a latest checkpoint that is not the shape it relies on, rather than showing half of it', async () => {
    const { client } = recordingFetch(() => json(200, { ...CHECKPOINT, seq: 'forty-two' }));
    await expect(client.latestCheckpoint()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('downloads a checkpoint file byte for byte, under the name the backend gave it', async () => {
    // Spaced out as no serializer would write it: the text saved must be the text served.
    const served = JSON.stringify(FILE, null, 2);
    const { calls, client } = recordingFetch(() => json(200, served, { 'content-disposition': 'attachment; filename="auditdesk-checkpoint-o1-42.json"' }));

    const download = await client.checkpointFile('latest');

    expect(calls[0]?.url.pathname).toBe('/api/v1/audit/checkpoints/latest/download');
    expect(download).toEqual({ name: 'auditdesk-checkpoint-o1-42.json', text: served, file: FILE });
  });

  it("names a checkpoint file from its payload when the answer's header does not", async () => {
    const { client } = recordingFetch(() => json(200, FILE));
    expect((await client.checkpointFile(CHECKPOINT.id)).name).toBe('auditdesk-checkpoint-o1-42.json');
  });

  it('refuses a checkpoint file without its signature', async () => {
    const { client } = recordingFetch(() => json(200, { ...FILE, signature: undefined }));
    await expect(client.checkpointFile('latest')).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('reads the signing key from the API and its PEM from the well-known address at the root', async () => {
    const { calls, client } = recordingFetch((url) =>
      url.pathname.startsWith('/.well-known/') ? new Response(KEY.publicKey, { headers: { 'content-type': 'application/x-pem-file' } }) : json(200, KEY),
    );

    expect(await client.signingKey()).toEqual(KEY);
    expect(client.signingKeyUrl()).toBe('http://x.test/.well-known/auditdesk-signing-key');
    expect(await client.signingKeyPem()).toBe(KEY.publicKey);
    expect(calls.map((call) => call.url.href)).toEqual(['http://x.test/api/v1/audit/signing-key', 'http://x.test/.well-known/auditdesk-signing-key']);
  });
});
