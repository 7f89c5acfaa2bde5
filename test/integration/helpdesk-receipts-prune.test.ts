import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboundWebhookReceipts } from '../../backend/db/schema';
import { idempotencyPruneJob } from '../../backend/integration/idempotency-prune';
import type { PeriodicJob } from '../../backend/schedule/every';
import type { InboundWebhookWithSecret } from '../../shared/api-client-integration-responses';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createInboundWebhook, deliver } from '../support/helpdesk';

const HOUR = 60 * 60_000;

let ws: TestWorkspace;
let clock: number;
let hook: InboundWebhookWithSecret;
let jobs: PeriodicJob[];
beforeEach(async () => {
  clock = Date.UTC(2026, 10, 2, 9, 0, 0);
  ws = await createTestWorkspace({ now: () => new Date(clock) });
  hook = await createInboundWebhook(ws);
  jobs = [];
});
afterEach(async () => {
  await Promise.all(jobs.map((job) => job.stop()));
  ws.close();
});

/** The same delivery each time it is sent (its event happened at the first sending); the helpdesk signs each sending anew. */
const deliveries = new Map<string, object>();
function send(eventId: string): Promise<Response> {
  if (!deliveries.has(eventId)) {
    deliveries.set(eventId, { id: eventId, occurredAt: new Date(clock - 1000).toISOString(), object: { type: 'customer', id: 'hd-1' }, changes: { tier: { after: eventId } } });
  }
  return deliver(ws, hook.id, hook.secret, deliveries.get(eventId));
}

const keptReceipts = async () => (await ws.deps.db.reader.select({ eventId: inboundWebhookReceipts.eventId }).from(inboundWebhookReceipts)).map((r) => r.eventId).sort();

describe('the hourly prune of helpdesk delivery receipts', () => {
  it('deletes receipts older than 48 hours and keeps younger ones answering retries once', async () => {
    expect((await send('old')).status).toBe(200);
    clock += 25 * HOUR;
    expect((await send('young')).status).toBe(200);
    clock += 24 * HOUR; // 'old' is 49 hours old, 'young' 24

    const job = idempotencyPruneJob(ws.deps);
    jobs.push(job);
    expect(await job.tick()).toBe(true);
    expect(await keptReceipts()).toEqual(['young']);
    expect((await send('young')).headers.get('idempotent-replayed')).toBe('true');
  });
});
