import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../backend/app';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { bootstrap } from '../../backend/bootstrap';
import { auditEvents } from '../../backend/db/schema';
import type { AppDeps } from '../../backend/deps';
import type { StreamWorker } from '../../backend/integration/streams/worker';
import { createLogger } from '../../backend/logger';
import type { StreamDestination, StreamDestinationWithSecret } from '../../shared/api-client-integration-responses';
import type { AuditEvent } from '../../shared/audit-event';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { anotherWorkspace } from '../support/other-workspace';
import { keyWithScopes, sampleEvent } from '../support/ingest';
import { eventually, loggedSeqs, makeCustomers, type Receiver, readmeSignatureCheck, type SignatureCheck, startReceiver, testWorker } from '../support/streaming';

let dir: string;
let ws: TestWorkspace;
let receiver: Receiver;
let verifyAuditdeskSignature: SignatureCheck;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  verifyAuditdeskSignature = await readmeSignatureCheck();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-streams-'));
  receiver = await startReceiver();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

async function workspace(options: { now?: () => Date } = {}): Promise<TestWorkspace> {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, ...options });
  cleanups.push(() => ws.close());
  return ws;
}

function worker(deps: AppDeps, options: Parameters<typeof testWorker>[1] = { root: join(dir, 'streams') }): StreamWorker {
  const made = testWorker(deps, options);
  cleanups.push(() => made.stop());
  return made;
}

async function createDestination(body: Record<string, unknown> = {}): Promise<StreamDestinationWithSecret> {
  const res = await ws.call('POST', '/api/v1/stream-destinations', { token: ws.tokens.admin, body: { kind: 'webhook', name: 'SIEM', url: receiver.url, ...body } });
  return bodyOf(res, 201);
}

async function destination(id: string): Promise<StreamDestination> {
  return bodyOf(await ws.call('GET', `/api/v1/stream-destinations/${id}`, { token: ws.tokens.admin }), 200);
}

const acceptedSeqs = () => receiver.accepted().map((event) => event.seq);

/** `count` events written through the audit engine, 500 to a change (faster than the API for a log larger than a batch). */
async function appendEvents(count: number, value: (i: number) => unknown = (i) => `Bulk ${i}`): Promise<void> {
  const drafts: AuditDraft[] = Array.from({ length: count }, (_, i) => ({
    event: 'update',
    category: 'customer',
    section: 'customer',
    subject: { type: 'customer', id: `bulk-${i}`, label: `Bulk ${i}` },
    links: NO_LINKS,
    property: 'name',
    before: null,
    after: value(i),
  }));
  for (let start = 0; start < drafts.length; start += 500) {
    await ws.deps.writes.run((tx) => appendAudit(tx, ws.systemCtx(), drafts.slice(start, start + 500)));
  }
}

describe('a webhook destination on 127.0.0.1', () => {
  it('receives every event once, in order, in signed batches of at most 500 with the documented headers', async () => {
    await workspace();
    const created = await createDestination({ startAt: 'oldest' });
    await makeCustomers(ws, 3);
    await appendEvents(1_100);
    await worker(ws.deps).tick();

    expect(acceptedSeqs()).toEqual(await loggedSeqs(ws));
    expect(receiver.requests.map((r) => (JSON.parse(r.body) as { events: unknown[] }).events.length)).toEqual([500, 500, expect.any(Number)]);
    for (const request of receiver.requests) {
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'Auditdesk-Stream/1',
        'x-auditdesk-destination': created.id,
      });
      expect(verifyAuditdeskSignature(created.secret!, String(request.headers['x-auditdesk-signature']), request.body)).toBe(true);
      expect(JSON.parse(request.body)).toMatchObject({ destination: created.id });
    }
    // Each event is the API's audit event, plus its place in the chain.
    const newest = receiver.accepted().at(-1)!;
    const page = await bodyOf<{ items: AuditEvent[] }>(await ws.call('GET', '/api/v1/audit?limit=1', { token: ws.tokens.admin }), 200);
    expect(newest).toEqual({ ...page.items[0], seq: newest.seq });

    const health = (await destination(created.id)).health;
    expect(health).toMatchObject({ state: 'caught_up', lagEvents: 0, lagSeconds: 0, deliveredCount: acceptedSeqs().length, attempts: 0, lastError: null });
    expect(health.position).toBe(health.headSeq);
  });

  it('keeps each batch within 4 MiB, sending the rest in the next', async () => {
    await workspace();
    await createDestination();
    await appendEvents(10, (i) => `${i}${'x'.repeat(1_000_000)}`);
    await worker(ws.deps).tick();

    expect(receiver.requests.map((r) => (JSON.parse(r.body) as { events: unknown[] }).events.length)).toEqual([5, 4, 2]);
    for (const request of receiver.requests) expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(acceptedSeqs()).toEqual((await loggedSeqs(ws)).slice(-11));
  });

  it('goes on from its stored position after the server restarts, without a gap or a repeat', async () => {
    await workspace();
    await createDestination({ startAt: 'oldest' });
    const first = worker(ws.deps);
    first.start();
    await makeCustomers(ws, 10, 'Before');
    await eventually(async () => acceptedSeqs().length === (await loggedSeqs(ws)).length, 'the first server to deliver');
    await first.stop();
    await makeCustomers(ws, 5, 'While down');

    // A new server process on the same database file.
    const deps = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent') });
    cleanups.push(() => deps.db.close());
    const app = createApp(deps);
    const call: TestWorkspace['call'] = async (method, path, opts = {}) =>
      app.request(path, { method, headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' }, body: JSON.stringify(opts.body) });
    worker(deps).start();
    await makeCustomers({ call, tokens: ws.tokens }, 5, 'After');

    const logged = await loggedSeqs(ws);
    await eventually(async () => acceptedSeqs().length >= logged.length, 'the restarted server to deliver');
    expect(acceptedSeqs()).toEqual(logged);
  });

  it('retries a failing or silent receiver with backoff, then delivers everything in order', async () => {
    await workspace();
    const created = await createDestination();
    const waits: number[] = [];
    let answered = 0;
    receiver.answer(() => {
      answered += 1;
      return answered <= 3 ? 500 : answered === 4 ? 'hang' : 200;
    });
    const delivering = worker(ws.deps, {
      root: dir,
      webhookTimeoutMs: 200,
      backoff: (attempts) => {
        waits.push(attempts);
        return 30;
      },
    });
    delivering.start();
    await makeCustomers(ws, 8);

    const start = (await destination(created.id)).health.position;
    const owed = (await loggedSeqs(ws)).filter((seq) => seq > start);
    await eventually(() => acceptedSeqs().length >= owed.length, 'delivery after the failures');
    expect(acceptedSeqs()).toEqual(owed);
    expect(receiver.requests.slice(0, 4).map((r) => r.status)).toEqual([500, 500, 500, 'hung']);
    // The failed attempts since the last success, counted up for the backoff.
    expect(waits.slice(0, 4)).toEqual([1, 2, 3, 4]);
    // The receiver has the events; the sender records its success once the answer reaches it.
    await eventually(async () => (await destination(created.id)).health.attempts === 0, 'the success to be recorded');
    const health = (await destination(created.id)).health;
    expect(health).toMatchObject({ state: 'caught_up', attempts: 0, failingSince: null, lastError: 'no answer within 0.2 s' });
    expect(health.lastErrorAt).not.toBeNull();
    expect(health.lastSuccessAt).not.toBeNull();
  });

  it('is paused after failing for its pauseAfterMinutes, says why, and resumes from where it stopped', async () => {
    let clock = Date.UTC(2026, 11, 3, 9, 0, 0);
    await workspace({ now: () => new Date(clock) });
    const created = await createDestination({ startAt: 'oldest', pauseAfterMinutes: 1 });
    await makeCustomers(ws, 3, 'Early');
    receiver.answer(503);
    const delivering = worker(ws.deps, { root: dir, backoff: () => 0 });

    await delivering.tick();
    let health = (await destination(created.id)).health;
    expect(health).toMatchObject({ state: 'retrying', attempts: 1, lastError: 'HTTP 503 Service Unavailable', failingSince: new Date(clock).toISOString() });
    clock += 30_000;
    await delivering.tick();
    expect((await destination(created.id)).status).toBe('active');
    clock += 30_000;
    await delivering.tick();

    const paused = await destination(created.id);
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'Paused after failing for 1 minute: HTTP 503 Service Unavailable', health: { state: 'paused' } });
    const [pause] = (await auditRowsOf(ws, created.id)).filter((row) => row.property === 'status');
    expect(pause).toMatchObject({ actor: { type: 'system' }, before: 'active', after: 'paused', category: 'settings', section: 'integrations' });

    // Paused: nothing is sent, however much is written.
    await makeCustomers(ws, 3, 'While paused');
    receiver.answer(200);
    const tried = receiver.requests.length;
    await delivering.tick();
    expect(receiver.requests.length).toBe(tried);

    const resumed = await bodyOf<StreamDestination>(await ws.call('POST', `/api/v1/stream-destinations/${created.id}/resume`, { token: ws.tokens.admin }), 200);
    expect(resumed).toMatchObject({ status: 'active', pausedReason: null, health: { attempts: 0, failingSince: null, nextAttemptAt: null } });
    await delivering.tick();
    expect(acceptedSeqs()).toEqual(await loggedSeqs(ws));
  });

  it('stops at the batch under way when an admin pauses it, and sends nothing more until resumed', async () => {
    await workspace();
    const created = await createDestination({ startAt: 'oldest' });
    await appendEvents(1_100);
    receiver.answer(async () => {
      if (receiver.requests.length === 1) await ws.call('POST', `/api/v1/stream-destinations/${created.id}/pause`, { token: ws.tokens.admin });
      return 200;
    });
    const delivering = worker(ws.deps);
    await delivering.tick();
    expect(receiver.requests).toHaveLength(1);
    expect((await destination(created.id)).health).toMatchObject({ state: 'paused', deliveredCount: 500 });
    await delivering.tick();
    expect(receiver.requests).toHaveLength(1);

    await bodyOf(await ws.call('POST', `/api/v1/stream-destinations/${created.id}/resume`, { token: ws.tokens.admin }), 200);
    await delivering.tick();
    expect(acceptedSeqs()).toEqual(await loggedSeqs(ws));
  });

  it('delivers only the events its filter matches, and moves past the others', async () => {
    await workspace();
    const created = await createDestination({ filter: { category: 'customer' } });
    await makeCustomers(ws, 2, 'First');
    await bodyOf(await ws.call('POST', '/api/v1/api-keys', { token: ws.tokens.admin, body: { name: 'Other system', kind: 'api' } }), 201);
    await makeCustomers(ws, 2, 'Second');
    await worker(ws.deps).tick();

    // The four new customers, not the key (settings), nor the destination's own creation (settings).
    const customerSeqs = await loggedSeqs(ws, eq(auditEvents.category, 'customer'));
    const accepted = receiver.accepted();
    expect(accepted.map((event) => event.category)).toEqual(['customer', 'customer', 'customer', 'customer']);
    expect(accepted.map((event) => event.seq)).toEqual(customerSeqs.slice(-4));
    const health = (await destination(created.id)).health;
    expect(health).toMatchObject({ state: 'caught_up', lagEvents: 0 });
    expect(health.position).toBe(health.headSeq);
  });

  it('takes any of the log’s filters, free text and actor names included', async () => {
    await workspace();
    await createDestination({ filter: { q: 'Wanted', actor: 'agent person', notEvent: 'login' } });
    await makeCustomers(ws, 2, 'Wanted');
    await makeCustomers(ws, 2, 'Ignored');
    await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.admin, body: { name: 'Wanted by admin' } }), 201);
    await worker(ws.deps).tick();
    expect(receiver.accepted().map((event) => (event.subject as { label: string }).label)).toEqual(['Wanted 0', 'Wanted 1']);
  });

  it('counts the lag of an event from another system from when it was recorded, not from when it happened there', async () => {
    let clock = Date.UTC(2026, 11, 3, 9, 0, 0);
    await workspace({ now: () => new Date(clock) });
    const key = await keyWithScopes(ws, ['events:ingest']);
    const created = await createDestination({ filter: { category: 'customer' } });
    receiver.answer(500);
    // Happened in the helpdesk ten days ago, sent to the log now.
    const ingested = await ws.call('POST', '/api/v1/events', { token: key.secret, body: { source: 'helpdesk', events: [sampleEvent(ws, {}, 10 * 24 * 60)] } });
    expect(ingested.status).toBe(200);
    await worker(ws.deps, { root: dir, backoff: () => 0 }).tick();
    clock += 30_000;

    expect((await destination(created.id)).health).toMatchObject({ state: 'retrying', lagEvents: 1, lagSeconds: 30 });
  });

  it('shows the lag in events and seconds while the receiver is down, and caught up after', async () => {
    let clock = Date.UTC(2026, 11, 3, 9, 0, 0);
    await workspace({ now: () => new Date(clock) });
    const created = await createDestination();
    receiver.answer(500);
    await makeCustomers(ws, 5);
    const delivering = worker(ws.deps, { root: dir, backoff: () => 0 });
    await delivering.tick();
    clock += 90_000;

    // Six events wait: the destination's own creation (recorded after its starting point) and five customers.
    const down = (await destination(created.id)).health;
    expect(down).toMatchObject({ state: 'retrying', lagEvents: 6, lagSeconds: 90, deliveredCount: 0, lastError: 'HTTP 500 Internal Server Error', lastSuccessAt: null });

    receiver.answer(200);
    await delivering.tick();
    const up = (await destination(created.id)).health;
    expect(up).toMatchObject({ state: 'caught_up', lagEvents: 0, lagSeconds: 0, deliveredCount: 6, attempts: 0, lastSuccessAt: new Date(clock).toISOString() });
  });

  it('counts at most 10,000 events of lag, and says it stopped counting there', async () => {
    await workspace();
    await appendEvents(10_050);
    const created = await createDestination({ startAt: 'oldest' });
    expect(created.health).toMatchObject({ state: 'delivering', lagEvents: 10_000, lagEventsCapped: true });
    expect(created.health.headSeq).toBeGreaterThan(10_050);
  });

  it("is tried again at its own workspace's commits, not at every other workspace's", async () => {
    await workspace();
    receiver.answer(500);
    const created = await createDestination({ startAt: 'oldest' });
    // No timed pass within the test, and no wait between attempts: only commits' passes try it.
    worker(ws.deps, { root: dir, pollMs: 60_000, backoff: () => 0 }).start();
    await makeCustomers(ws, 1, 'Failing');
    await eventually(() => receiver.requests.length >= 1, 'the first attempt');
    await eventually(async () => (await destination(created.id)).health.attempts >= 1, 'the attempt recorded');
    // The start's pass and the commit's may both have tried it: let them end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tried = receiver.requests.length;

    const other = anotherWorkspace(ws);
    for (let i = 0; i < 5; i += 1) {
      await other.change();
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(receiver.requests.length).toBe(tried);

    receiver.answer(200);
    await makeCustomers(ws, 1, 'Delivered');
    const logged = await loggedSeqs(ws);
    await eventually(() => acceptedSeqs().length >= logged.length, 'every event delivered');
    expect(acceptedSeqs()).toEqual(logged);
  });

  it('is delivered by one of two servers sharing the database, in order, across a hand-over', async () => {
    await workspace();
    await createDestination({ startAt: 'oldest' });
    const deps = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent') });
    cleanups.push(() => deps.db.close());
    const [a, b] = [worker(ws.deps, { root: dir, pollMs: 10 }), worker(deps, { root: dir, pollMs: 10 })];
    a.start();
    b.start();
    await makeCustomers(ws, 15, 'Both up');
    await a.stop();
    await makeCustomers(ws, 15, 'One left');

    const logged = await loggedSeqs(ws);
    await eventually(() => acceptedSeqs().length >= logged.length, 'every event delivered');
    expect(acceptedSeqs()).toEqual(logged);
  });
});

describe('a receiver checking X-Auditdesk-Signature', () => {
  it('accepts the signed batch, and refuses a tampered body, another secret and a stale timestamp', async () => {
    await workspace();
    const created = await createDestination();
    await makeCustomers(ws, 1);
    await worker(ws.deps).tick();
    const [request] = receiver.requests;
    const header = String(request!.headers['x-auditdesk-signature']);
    const t = Number(/t=(\d+)/.exec(header)![1]);

    expect(verifyAuditdeskSignature(created.secret!, header, request!.body)).toBe(true);
    expect(verifyAuditdeskSignature(created.secret!, header, request!.body.replace('Customer 0', 'Customer 1'))).toBe(false);
    expect(verifyAuditdeskSignature('another secret', header, request!.body)).toBe(false);
    expect(verifyAuditdeskSignature(created.secret!, header, request!.body, t + 301)).toBe(false);
    expect(verifyAuditdeskSignature(created.secret!, header, request!.body, t + 299)).toBe(true);
  });

  it('signs with the new secret from the batch after a rotation', async () => {
    await workspace();
    const created = await createDestination();
    const rotated = await bodyOf<StreamDestinationWithSecret>(
      await ws.call('POST', `/api/v1/stream-destinations/${created.id}/rotate-secret`, { token: ws.tokens.admin }),
      200,
    );
    await makeCustomers(ws, 1);
    await worker(ws.deps).tick();
    const [request] = receiver.requests;
    const header = String(request!.headers['x-auditdesk-signature']);
    expect(verifyAuditdeskSignature(rotated.secret!, header, request!.body)).toBe(true);
    expect(verifyAuditdeskSignature(created.secret!, header, request!.body)).toBe(false);
  });
});
