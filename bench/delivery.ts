import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { callApi, prepareWorkspace, seedBenchOrg } from './fixtures';
import { type RunningServer, startServer } from './server';
import { type StreamReceiver, startStreamReceiver } from './stream-receiver';

/*
 * `BENCH_ONLY=delivery`: how far behind the log a streaming destination is
 * while the workspace changes 500 times a second. The real server (child
 * process, the stream worker's default poll) on a fresh database; a webhook
 * destination, created through the API by an admin with no filter and
 * starting now, points at a receiver on 127.0.0.1 (stream-receiver.ts). An
 * agent's PATCHes, each a real change of a conversation (one audit row),
 * are sent at a steady BENCH_DELIVERY_RATE (500) a second for
 * BENCH_DELIVERY_SECONDS (30). Each event's lag is the time its batch
 * arrived at the receiver less the event's occurredAt (the server's clock
 * when it recorded the change; both ends on this machine's clock).
 * Printed: p50/p95/p99/max lag (target p95 ≤ 2 s), the rate achieved, and
 * whether every event since the destination's start arrived once, in order.
 */

const TARGET_P95_MS = 2_000;
const CONVERSATIONS = 64;
/** How long the destination may take to catch up once the writes stop. */
const DRAIN_TIMEOUT_MS = 60_000;

export interface DeliveryOptions {
  rate: number;
  seconds: number;
}

let active: { dir: string; server: RunningServer | undefined; receiver: StreamReceiver | undefined } | undefined;

interface Health {
  state: string;
  position: number;
  headSeq: number;
  lagEvents: number;
  deliveredCount: number;
}

interface WriteRun {
  ok: number;
  failed: string[];
  seconds: number;
}

export async function runDeliveryBenchmark(log: (message: string) => void, options: DeliveryOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-delivery-'));
  active = { dir, server: undefined, receiver: undefined };
  const databaseUrl = `file:${join(dir, 'delivery.db')}`;
  try {
    const { orgId, people } = await seedBenchOrg(databaseUrl, [
      { role: 'admin', name: 'Maya Admin' },
      { role: 'agent', name: 'Theo Agent' },
    ]);
    const [admin, agent] = people as [(typeof people)[0], (typeof people)[0]];
    const server = await startServer(databaseUrl, { cpuProfileDir: process.env.BENCH_CPU_PROF });
    active.server = server;
    const receiver = await startStreamReceiver();
    active.receiver = receiver;
    log(`delivery: server ${server.url} (child process, AUDITDESK_STREAM_POLL_MS ${process.env.AUDITDESK_STREAM_POLL_MS ?? 'default'}), receiver ${receiver.url}`);
    const workspace = await prepareWorkspace(server.url, { orgId, email: agent.email, password: agent.password }, CONVERSATIONS);
    const adminToken = (await callApi<{ token: string }>(server.url, 'POST', '/api/v1/auth/login', null, { email: admin.email, password: admin.password })).token;
    const destination = await callApi<{ id: string; secret: string; health: Health }>(server.url, 'POST', '/api/v1/stream-destinations', adminToken, {
      kind: 'webhook',
      name: 'SIEM (bench)',
      url: receiver.url,
      startAt: 'now',
    });
    receiver.secret = destination.secret;
    const startPosition = destination.health.position;
    log(`delivery: destination ${destination.id} from event ${startPosition}; ${options.rate} PATCHes/s for ${options.seconds} s`);

    const writes = await paceWrites(server.url, workspace.token, workspace.conversationIds, options);
    log(`delivery: ${writes.ok} changes in ${writes.seconds.toFixed(1)} s; waiting for the destination to catch up`);
    const health = await caughtUp(server.url, adminToken, destination.id);
    return report(receiver, writes, health, startPosition, options);
  } finally {
    await stopDeliveryBenchmark();
  }
}

export async function stopDeliveryBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await current.server?.stop();
  await current.receiver?.close();
  rmSync(current.dir, { recursive: true, force: true });
}

/**
 * PATCHes at a steady `rate`, each setting a conversation's custom counter
 * to a new value: request n is sent at n/rate seconds, whatever the answers
 * before it (open loop; a slow server gets more requests in flight, not
 * fewer).
 */
async function paceWrites(baseUrl: string, token: string, conversationIds: string[], options: DeliveryOptions): Promise<WriteRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = options.rate * options.seconds;
  const run: WriteRun = { ok: 0, failed: [], seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  const began = performance.now();
  const send = (n: number) => {
    const body = JSON.stringify({ custom: { counter: n } });
    const request = patch(agent, `${baseUrl}/api/v1/conversations/${conversationIds[n % conversationIds.length]}`, token, body).then(
      (status) => {
        if (status >= 200 && status < 300) run.ok++;
        else if (run.failed.length < 5) run.failed.push(`HTTP ${status}`);
      },
      (error: unknown) => {
        if (run.failed.length < 5) run.failed.push(String(error));
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  try {
    let sent = 0;
    while (sent < total) {
      const wait = began + (sent * 1000) / options.rate - performance.now();
      if (wait > 1) await sleep(wait);
      const now = performance.now();
      while (sent < total && began + (sent * 1000) / options.rate <= now) send(sent++);
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  run.seconds = (performance.now() - began) / 1000;
  return run;
}

function patch(agent: http.Agent, url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'PATCH', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The destination's health once it has delivered up to the head (or when DRAIN_TIMEOUT_MS has passed). */
async function caughtUp(baseUrl: string, token: string, id: string): Promise<Health> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const { health } = await callApi<{ health: Health }>(baseUrl, 'GET', `/api/v1/stream-destinations/${id}`, token, undefined);
    if ((health.state === 'caught_up' && health.position >= health.headSeq) || Date.now() > deadline) return health;
    await sleep(250);
  }
}

function report(receiver: StreamReceiver, writes: WriteRun, health: Health, startPosition: number, options: DeliveryOptions): boolean {
  const lags = receiver.events.map((e) => e.receivedAt - e.occurredAt).sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? NaN;
  const expected = health.headSeq - startPosition;
  const seqs = new Set(receiver.events.map((e) => e.seq));
  let missing = 0;
  for (let seq = startPosition + 1; seq <= health.headSeq; seq++) if (!seqs.has(seq)) missing++;
  const complete = missing === 0 && receiver.duplicates === 0 && receiver.outOfOrder === 0 && receiver.badSignatures === 0;
  const p95 = at(0.95);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rows: Array<[string, string, string]> = [
    ['changes written', `${writes.ok}`, `${(writes.ok / writes.seconds).toFixed(0)}/s over ${writes.seconds.toFixed(1)} s (asked ${options.rate}/s); failed ${writes.failed.length}${writes.failed.length ? `: ${writes.failed.join(', ')}` : ''}`],
    ['events received', `${receiver.events.length}`, `of ${expected} since the destination's start; ${receiver.batches} batches (${(receiver.events.length / Math.max(1, receiver.batches)).toFixed(0)} events each)`],
    ['  missing / duplicates / out of order', `${missing} / ${receiver.duplicates} / ${receiver.outOfOrder}`, complete ? 'ok: every event once, in order' : 'NOT AS REQUIRED'],
    ['  bad signatures', `${receiver.badSignatures}`, ''],
    ['lag p50 / p95 / p99', `${s(at(0.5))} / ${s(p95)} / ${s(at(0.99))}`, `target p95 ≤ ${s(TARGET_P95_MS)}: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT MET'}`],
    ['lag max', s(lags.at(-1) ?? NaN), `health at the end: ${health.state}, position ${health.position} of ${health.headSeq}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nAuditdesk streaming delivery benchmark (${options.rate} changes/s for ${options.seconds} s, one webhook destination)\n`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
  console.log('');
  return complete && writes.failed.length === 0 && lags.length > 0;
}
