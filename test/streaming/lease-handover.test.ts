import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../backend/bootstrap';
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
    const created = await bodyOf<StreamDestinationWithSecret>(
      await ws.call('POST', '/api/v1/stream-destinations', { token: ws.tokens.admin, body: { kind: 'webhook', name: 'SIEM', url: receiver.url, startAt: 'oldest' } }),
      201,
    );
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
    await bodyOf(
      await ws.call('POST', '/api/v1/stream-destinations', { token: ws.tokens.admin, body: { kind: 'webhook', name: 'SIEM', url: receiver.url, startAt: 'oldest' } }),
      201,
    );
    const [holder, waiting] = [worker(ws.deps), worker(other)];
    await holder.tick();
    const sent = receiver.requests.length;
    await makeCustomers(ws, 2);
    await waiting.tick();
    expect(receiver.requests).toHaveLength(sent);
    await holder.tick();
    expect(receiver.accepted().map((event) => event.seq)).toEqual(await loggedSeqs(ws));
  });
});
