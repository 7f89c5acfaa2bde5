import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../backend/db/schema';
import { idempotencyPruneJob } from '../../backend/integration/idempotency-prune';
import type { PeriodicJob } from '../../backend/schedule/every';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { keyWithScopes, sampleEvent } from '../support/ingest';

const HOUR = 60 * 60_000;

let ws: TestWorkspace;
let clock: number;
let key: { id: string; secret: string };
let jobs: PeriodicJob[];
beforeEach(async () => {
  clock = Date.UTC(2026, 10, 2, 9, 0, 0);
  ws = await createTestWorkspace({ now: () => new Date(clock) });
  key = await keyWithScopes(ws, ['events:ingest']);
  jobs = [];
  bodies.clear();
});
afterEach(async () => {
  await Promise.all(jobs.map((job) => job.stop()));
  ws.close();
});

/** The body first sent with each key, sent again with it: a retry is the same request. */
const bodies = new Map<string, string>();

async function post(idempotencyKey: string): Promise<Response> {
  if (!bodies.has(idempotencyKey)) bodies.set(idempotencyKey, JSON.stringify({ source: 'helpdesk', events: [sampleEvent(ws, { id: idempotencyKey })] }));
  return ws.app.request('/api/v1/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: bodies.get(idempotencyKey)!,
  });
}

const keptKeys = async () => (await ws.deps.db.reader.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key).sort();

describe('the hourly prune of Idempotency-Keys', () => {
  it('deletes answers older than 48 hours and keeps younger ones replaying', async () => {
    expect((await post('old')).status).toBe(200);
    clock += 25 * HOUR;
    expect((await post('young')).status).toBe(200);
    clock += 24 * HOUR; // 'old' is 49 hours old, 'young' 24

    const job = idempotencyPruneJob(ws.deps);
    jobs.push(job);
    expect(await job.tick()).toBe(true);
    expect(await keptKeys()).toEqual(['young']);
    expect((await post('young')).headers.get('idempotent-replayed')).toBe('true');
    // A key past its keeping is a new request again (this one is within retention).
    bodies.delete('old');
    const reused = await post('old');
    expect(reused.status).toBe(200);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
  });

  it('runs in one process at a time: a second holder waits for the lease', async () => {
    const [first, second] = [idempotencyPruneJob(ws.deps), idempotencyPruneJob(ws.deps)];
    jobs.push(first, second);
    expect(await first.tick()).toBe(true);
    expect(await second.tick()).toBe(false);
  });
});
