import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import type { AppDeps } from '../../backend/deps';
import type { StreamWorker } from '../../backend/integration/streams/worker';
import { hubOf } from '../../backend/audit/stream/hub';
import { notificationHubOf } from '../../backend/notifications/feed-hub';
import type { StreamDestinationWithSecret } from '../../shared/api-client-integration-responses';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { type SecondInstance, startSecondInstance } from '../support/instances-on-sqld';
import { type Sqld, startSqld } from '../support/sqld';
import { type Frame, listen, openStream, type SseClient, stopServer } from '../stream/sse-client';
import { eventually, loggedSeqs, makeCustomers, type Receiver, startReceiver, testWorker } from '../support/streaming';

/**
 * Two Auditdesk instances, A and B, as two processes behind a load balancer
 * would be: each its own connection, write queue and stream worker, sharing
 * nothing but one real libSQL server.
 */
let sqld: Sqld;
let a: TestWorkspace;
let b: SecondInstance;
let streamRoot: string;

beforeAll(async () => {
  sqld = await startSqld();
  a = await createTestWorkspace({ databaseUrl: sqld.url });
  b = await startSecondInstance(a, sqld.url);
  streamRoot = mkdtempSync(join(tmpdir(), 'auditdesk-scale-out-'));
}, 60_000);

afterAll(async () => {
  b?.close();
  a?.close();
  await sqld?.stop();
  if (streamRoot) rmSync(streamRoot, { recursive: true, force: true });
}, 30_000);

describe('two instances on one libSQL server', () => {
  it('keep every audited change of one conversation in one chain: each before is the previous after, and the chain verifies', async () => {
    const customer = await bodyOf<{ id: string }>(await a.call('POST', '/api/v1/customers', { token: a.tokens.agent, body: { name: 'Ana Ruiz' } }), 201);
    const conversation = await bodyOf<{ id: string }>(
      await a.call('POST', '/api/v1/conversations', { token: a.tokens.agent, body: { customerId: customer.id, name: 'Refund 0' } }),
      201,
    );

    // Twenty renames at once, alternating between the instances; each a real change.
    const renames = Array.from({ length: 20 }, (_, i) => {
      const instance = i % 2 === 0 ? a : b;
      return instance.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: a.tokens.agent, body: { name: `Refund ${i + 1}` } });
    });
    for (const res of await Promise.all(renames)) await bodyOf(res, 200);

    const rows = (
      await b.deps.db.reader
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, conversation.id), eq(auditEvents.property, 'name'), eq(auditEvents.event, 'update')))
        .orderBy(asc(auditEvents.seq))
    ).map(presentAuditEvent);
    expect(rows).toHaveLength(20);
    expect(rows[0]!.before).toBe('Refund 0');
    rows.slice(1).forEach((row, i) => expect(row.before, `row ${i + 2}`).toBe(rows[i]!.after));
    const now = await bodyOf<{ name: string }>(await b.call('GET', `/api/v1/conversations/${conversation.id}`, { token: a.tokens.agent }), 200);
    expect(rows.at(-1)!.after).toBe(now.name);

    const head = Math.max(...(await loggedSeqs(a)));
    const verification = await bodyOf<{ ok: boolean; checked: number }>(await b.call('GET', '/api/v1/audit/verify?full=true', { token: a.tokens.admin }), 200);
    expect(verification).toMatchObject({ ok: true, checked: head });
  }, 30_000);

  describe('a stream destination', () => {
    let receiver: Receiver;
    const workers: StreamWorker[] = [];
    const worker = (deps: AppDeps) => {
      const made = testWorker(deps, { root: streamRoot });
      workers.push(made);
      return made;
    };
    beforeAll(async () => {
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await Promise.all(workers.splice(0).map((made) => made.stop()));
      await receiver?.close();
    });

    it('is delivered by one instance at a time, every event once and in order, whichever instance wrote it', async () => {
      await bodyOf<StreamDestinationWithSecret>(
        await a.call('POST', '/api/v1/stream-destinations', { token: a.tokens.admin, body: { kind: 'webhook', name: 'SIEM', url: receiver.url, startAt: 'oldest' } }),
        201,
      );
      const [onA, onB] = [worker(a.deps), worker(b.deps)];

      // A takes the lease; while A holds it, B sends nothing, even of what B wrote.
      await onA.tick();
      const sentByA = receiver.requests.length;
      expect(sentByA).toBeGreaterThan(0);
      await makeCustomers({ call: b.call, tokens: a.tokens }, 2, 'Written on B');
      await onB.tick();
      expect(receiver.requests).toHaveLength(sentByA);

      // Both polling while both write: still each event once, in the log's order.
      onA.start();
      onB.start();
      await Promise.all([makeCustomers(a, 5, 'Busy A'), makeCustomers({ call: b.call, tokens: a.tokens }, 5, 'Busy B')]);
      const logged = await loggedSeqs(a);
      await eventually(() => receiver.accepted().length >= logged.length, 'every event delivered', 15_000);
      expect(receiver.accepted().map((event) => event.seq)).toEqual(logged);
      expect(receiver.requests.every((request) => request.status === 200)).toBe(true);
    }, 30_000);
  });

  describe('the notification stream', () => {
    let server: Server | undefined;
    let live: SseClient | undefined;
    afterAll(async () => {
      live?.close();
      // The stream ends its last read before B's connection closes.
      const hub = notificationHubOf(b.deps);
      await eventually(() => hub.waiting === 0 && hub.openStreams(a.users.lead.id) === 0, 'the notification stream to end');
      if (server) await stopServer(server);
    });

    it('served by B shows, within 1 s, a notification raised by a change written through A', async () => {
      // The watch is made through B, the change through A: A's matcher sees B's new watch.
      await bodyOf(await b.call('POST', '/api/v1/watches', { token: a.tokens.lead, body: { name: 'New customers', filter: 'category=customer' } }), 201);
      const running = await listen(b.app.fetch);
      server = running.server;
      live = await openStream(`${running.url}/api/v1/notifications/stream`, a.tokens.lead);
      expect(live.status).toBe(200);

      await bodyOf(await a.call('POST', '/api/v1/customers', { token: a.tokens.agent, body: { name: 'Written on A' } }), 201);
      const committed = Date.now();
      let frame: Frame | null;
      do frame = await live.nextFrame(Math.max(0, 1_000 - (Date.now() - committed)));
      while (frame && !frame.event); // heartbeats
      expect(Date.now() - committed).toBeLessThan(1_000);
      expect(frame?.event).toBe('notification');
      expect(JSON.parse(frame!.data!)).toMatchObject({ notification: { watch: { name: 'New customers' } } });
    }, 30_000);
  });

  describe('the audit live stream', () => {
    let server: Server | undefined;
    let live: SseClient | undefined;
    afterAll(async () => {
      live?.close();
      // The stream ends its last read before B's connection closes.
      const hub = hubOf(b.deps);
      await eventually(() => hub.waiting === 0 && hub.openStreams(a.users.admin.id) === 0, 'the audit stream to end');
      if (server) await stopServer(server);
    });

    it('served by B shows, within 1 s, a change written through A', async () => {
      const running = await listen(b.app.fetch);
      server = running.server;
      live = await openStream(`${running.url}/api/v1/audit/stream?category=customer`, a.tokens.admin);
      expect(live.status).toBe(200);

      await bodyOf(await a.call('POST', '/api/v1/customers', { token: a.tokens.agent, body: { name: 'Streamed from A' } }), 201);
      const committed = Date.now();
      let frame: Frame | null;
      do frame = await live.nextFrame(Math.max(0, 1_000 - (Date.now() - committed)));
      while (frame && !frame.event); // heartbeats
      expect(Date.now() - committed).toBeLessThan(1_000);
      expect(JSON.parse(frame!.data!)).toMatchObject({ event: 'create', subject: { label: 'Streamed from A' } });
    }, 30_000);
  });
});
