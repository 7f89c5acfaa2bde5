import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, idempotencyKeys } from '../../backend/db/schema';
import type { IngestResponse } from '../../shared/schemas/ingestion';
import { startRealServer, type RealServer } from '../http/real-server';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { keyWithScopes, sampleEvent } from '../support/ingest';
import { recomputeChain } from '../support/recompute-chain';

let ws: TestWorkspace;
let server: RealServer;
let key: { id: string; secret: string };
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
  key = await keyWithScopes(ws, ['events:ingest']);
});
afterEach(async () => {
  await server.close();
  ws.close();
});

/** POST /events over real HTTP, the body sent as `body` says, with an Idempotency-Key when given. */
function post(body: unknown, idempotencyKey?: string, token = key.secret): Promise<Response> {
  return fetch(server.url('/api/v1/events'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }) },
    body: JSON.stringify(body),
  });
}

const ingestedCount = async () => (await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.apiKeyId, key.id))).length;

describe('Idempotency-Key on POST /events', () => {
  it('replays the first answer to a retry with the same key and body, writing nothing more', async () => {
    const body = { source: 'helpdesk', events: [sampleEvent(ws), sampleEvent(ws, { event: 'teleported' })] };
    const first = await post(body, 'retry-1');
    expect(first.status).toBe(207);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.text();

    const again = await post(body, 'retry-1');
    expect(again.status).toBe(207);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await again.text()).toBe(firstBody);
    expect(await ingestedCount()).toBe(1);
  });

  it('answers 422 idempotency_mismatch to the same key with another body, and writes nothing', async () => {
    expect((await post({ source: 'helpdesk', events: [sampleEvent(ws)] }, 'k')).status).toBe(200);
    const other = await post({ source: 'helpdesk', events: [sampleEvent(ws, { after: 'platinum' })] }, 'k');
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('idempotency_mismatch');
    expect(await ingestedCount()).toBe(1);
  });

  it('writes once for 50 concurrent requests with one key, and gives each the same answer', async () => {
    const body = { source: 'helpdesk', events: [sampleEvent(ws), sampleEvent(ws, { id: 'evt-2' })] };
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(body, 'burst')));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<IngestResponse>));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
    expect(await ingestedCount()).toBe(2);
    expect(await ws.deps.db.reader.select().from(idempotencyKeys)).toHaveLength(1);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
  });

  it('keeps each API key’s keys apart: another key’s same Idempotency-Key is a new request', async () => {
    const other = await keyWithScopes(ws, ['events:ingest'], 'CRM sync');
    const body = { source: 'helpdesk', events: [sampleEvent(ws)] };
    expect((await post(body, 'shared')).status).toBe(200);
    const second = await post(body, 'shared', other.secret);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 400 to a key that is empty, too long or not printable, and stores no answer', async () => {
    const body = { source: 'helpdesk', events: [sampleEvent(ws)] };
    for (const bad of ['', 'x'.repeat(256), 'tab\tinside']) {
      const res = await post(body, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await ingestedCount()).toBe(0);
    expect(await ws.deps.db.reader.select().from(idempotencyKeys)).toEqual([]);
  });

  it('stores no answer to an invalid envelope, so the key can be used once the request is fixed', async () => {
    expect((await post({ source: 'helpdesk', events: [] }, 'fix-me')).status).toBe(400);
    expect((await post({ source: 'helpdesk', events: [sampleEvent(ws)] }, 'fix-me')).status).toBe(200);
  });
});
