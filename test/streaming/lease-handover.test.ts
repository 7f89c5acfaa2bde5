import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../backend/app';
import { bootstrap } from '../../backend/bootstrap';
import { runSql } from '../../backend/db/sql';
import type { AppDeps } from '../../backend/deps';
import { readDelivery } from '../../backend/integration/streams/delivery-store';
import type { StreamWorker } from '../../backend/integration/streams/worker';
import { createLogger } from '../../backend/logger';
import type { StreamDestinationWithSecret } from '../../shared/api-client-integration-responses';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { loggedSeqs, makeCustomers, type Receiver, startReceiver, testWorker } from '../support/streaming';

let dir: string;
let clock: number;
let ws: TestWorkspace;
let other: AppDeps;
let receiver: Receiver;
const workers: StreamWorker[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-stream-lease-'));
  clock = Date.UTC(2026, 11, 3, 9, 0, 0);
  const now = () => new Date(clock);
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, now });
  // A second server on the same database file and clock.
  other = await bootstrap({ databaseUrl: `file:${join(dir, 'auditdesk.db')}`, log: createLogger('silent'), now });
  receiver = await startReceiver();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receiver.close();
  other.db.close();
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function worker(deps: AppDeps): StreamWorker {
  const made = testWorker(deps, { root: dir, leaseTtlMs: 30_000 });
  workers.push(made);
  return made;
}

describe('a destination’s lease', () => {
  it('lets no server that lost it mid-send move the position: the new holder’s delivery is the one recorded', async () => {
    const created = await createDestination();
    await makeCustomers(ws, 3);
    const [slow, takeover] = [worker(ws.deps), worker(other)];
    receiver.answer(async () => {
      if (receiver.requests.length === 1) {
        // The first holder's answer is late: its lease runs out and the other server takes the destination over.
        clock += 31_000;
        await takeover.tick();
      }
      return 200;
    });
    await slow.tick();

    const logged = await loggedSeqs(ws);
    // At least once: both sent the same batch, and a receiver deduplicating on id has each event once.
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]!.body).toBe(receiver.requests[1]!.body);
    expect([...new Set(receiver.accepted().map((event) => event.seq))]).toEqual(logged);
    // Recorded once: the late answer did not count the batch again.
    const delivery = await readDelivery(ws.deps.db.reader, created.id);
    expect(delivery).toMatchObject({ position: logged.at(-1), deliveredCount: logged.length });
  });

  it('is held by one server at a time: the other sends nothing while it runs', async () => {
    await createDestination();
    const [holder, waiting] = [worker(ws.deps), worker(other)];
    await holder.tick();
    await expectOnlyHolderDelivers(holder, waiting);
  });

  it('is renewed while its holder has nothing to deliver, so the other server never takes it over', async () => {
    const created = await createDestination();
    const [holder, waiting] = [worker(ws.deps), worker(other)];
    await makeCustomers(ws, 2);
    await holder.tick();
    const holderId = await leaseHolderOf(created.id);
    // Caught up for two lease lengths, passes every 10 s.
    for (let i = 0; i < 6; i += 1) {
      clock += 10_000;
      await holder.tick();
      await waiting.tick();
      expect(await leaseHolderOf(created.id)).toBe(holderId);
    }
    await expectOnlyHolderDelivers(holder, waiting);
  });

  it('has what another server wrote delivered at its holder’s next pass after being caught up', async () => {
    await createDestination();
    const holder = worker(ws.deps);
    await makeCustomers(ws, 2);
    await holder.tick();
    await holder.tick();
    // Written through the other server's app: this process commits nothing, only the pass can see it.
    const otherApp = createApp(other);
    for (const name of ['From B 1', 'From B 2']) {
      const res = await otherApp.request('/api/v1/customers', {
        method: 'POST',
        headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      expect(res.status).toBe(201);
    }
    await holder.tick();
    expect(receiver.accepted().map((event) => event.seq)).toEqual(await loggedSeqs(ws));
  });
});

/** New events: the waiting server's pass sends nothing, the holder's delivers them all. */
async function expectOnlyHolderDelivers(holder: StreamWorker, waiting: StreamWorker): Promise<void> {
  const sent = receiver.requests.length;
  await makeCustomers(ws, 2);
  await waiting.tick();
  expect(receiver.requests).toHaveLength(sent);
  await holder.tick();
  expect(receiver.accepted().map((event) => event.seq)).toEqual(await loggedSeqs(ws));
}

async function createDestination(): Promise<StreamDestinationWithSecret> {
  return bodyOf<StreamDestinationWithSecret>(
    await ws.call('POST', '/api/v1/stream-destinations', { token: ws.tokens.admin, body: { kind: 'webhook', name: 'SIEM', url: receiver.url, startAt: 'oldest' } }),
    201,
  );
}

async function leaseHolderOf(destinationId: string): Promise<string | undefined> {
  const [row] = await runSql(ws.deps.db.reader, sql`select holder from leases where name = ${`stream:${destinationId}`}`);
  return row ? String(row.holder) : undefined;
}
