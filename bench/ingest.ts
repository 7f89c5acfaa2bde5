import { createClient, type Client } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filePathOf } from '../backend/db/client';
import { NativeClient } from '../backend/db/native-client';
import { NativeConnection } from '../backend/db/native-connection';
import { callApi } from './fixtures';
import { ingestBodies } from './ingest-bodies';
import { type AppendRun, appendGeneratedEvents, generateInChild, type MillionEvents } from './million-events';
import { type RunningServer, startServer } from './server';

/*
 * `BENCH_ONLY=ingest`: events ingested per second through POST /events
 * (real HTTP to the real server, 1,000 events a request, each with its own
 * Idempotency-Key, an API key holding only events:ingest) into a workspace
 * whose log already holds 1,000,000 events, against the raw bulk-insert
 * ceiling measured in the same run on the same file: the generator's own
 * bulk path (million-events.ts), 1,000 chained rows a write transaction of
 * multi-row INSERTs, every index and the FTS trigger in place,
 * synchronous=FULL, no server. The ceiling runs before the server starts,
 * on @libsql/client and on Auditdesk's embedded driver, and once more after
 * it stops; and with as many rows a transaction as all connections' requests
 * together, since the server's group commit may commit concurrent requests
 * in one transaction. The ratio is taken against the highest of them.
 * Knobs: BENCH_SECONDS (10, the measured load), BENCH_INGEST_CONNECTIONS (4),
 * BENCH_INGEST_EVENTS (1,000,000 existing), BENCH_CPU_PROF=dir (a .cpuprofile
 * of the server).
 */

const PER_REQUEST = 1_000;
const TARGET_RATIO = 0.6;
const WARM_UP_SECONDS = 2;
const CEILING_SECONDS = 5;
/** Distinct bodies sent in turn: enough that no two requests in flight carry the same one. */
const BODIES = 32;

let active: { dir: string; server: RunningServer | undefined } | undefined;

export interface IngestOptions {
  seconds: number;
  connections: number;
  events: number;
}

interface Ceiling extends AppendRun {
  driver: string;
  perTransaction: number;
  synchronous: number;
  journalMode: string;
}

interface LoadRun {
  requests: number;
  accepted: number;
  failures: string[];
  seconds: number;
  latenciesMs: number[];
  serverCpuSeconds: number | null;
}

export async function runIngestBenchmark(log: (message: string) => void, options: IngestOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-ingest-'));
  active = { dir, server: undefined };
  const databaseUrl = `file:${join(dir, 'ingest.db')}`;
  try {
    log(`ingest: generating ${int(options.events)} audit events into ${databaseUrl}`);
    const data = await generateInChild(databaseUrl, { events: options.events, customers: 2_000, conversations: 20_000, log });
    const ceilings: Ceiling[] = [];
    const grouped = PER_REQUEST * options.connections;
    log(`ingest: raw bulk-insert ceiling, ${CEILING_SECONDS} s each: ${PER_REQUEST} rows a transaction on @libsql/client and on Auditdesk's embedded driver, then ${grouped} on the latter`);
    ceilings.push(await ceiling(databaseUrl, data, 'libsql-client', PER_REQUEST));
    ceilings.push(await ceiling(databaseUrl, data, 'auditdesk', PER_REQUEST));
    ceilings.push(await ceiling(databaseUrl, data, 'auditdesk', grouped));

    const starting = performance.now();
    const server = await startServer(databaseUrl, {
      cpuProfileDir: process.env.BENCH_CPU_PROF,
      env: { API_KEY_RATE_PER_MINUTE: '1000000' },
      // Opening a 1,000,000-event file takes a few seconds; a busy machine may stretch them.
      startTimeoutMs: 180_000,
    });
    active.server = server;
    log(`ingest: server ${server.url} (child process, started in ${((performance.now() - starting) / 1000).toFixed(1)} s)`);
    const admin = await callApi<{ token: string }>(server.url, 'POST', '/api/v1/auth/login', null, { email: data.admin.email, password: data.admin.password });
    const verified = await startupVerification(server.url, admin.token);
    log(`ingest: the server's start-up verification of the chain (${int(verified.checked)} events) took ${verified.seconds.toFixed(1)} s; the load starts after it`);
    const key = await callApi<{ id: string; secret: string }>(server.url, 'POST', '/api/v1/api-keys', admin.token, {
      name: 'Helpdesk sync (bench)',
      kind: 'api',
      scopes: ['events:ingest'],
    });
    const bodies = ingestBodies(data, BODIES, PER_REQUEST);
    log(`ingest: POST /api/v1/events, ${PER_REQUEST} events a request (${int(bodies[0]!.length / 1024)} KiB), ${options.connections} connections, ~${options.seconds} s after a ${WARM_UP_SECONDS} s warm-up`);
    const warmUp = await load(server, key.secret, bodies, { seconds: WARM_UP_SECONDS, connections: options.connections, firstKey: 0 });
    const measured = await load(server, key.secret, bodies, { seconds: options.seconds, connections: options.connections, firstKey: warmUp.requests });
    await server.stop();
    active.server = undefined;

    const rowsWritten = await ingestedRows(databaseUrl, key.id);
    log(`ingest: raw bulk-insert ceiling again, now that the server has stopped`);
    ceilings.push(await ceiling(databaseUrl, data, 'libsql-client', PER_REQUEST));
    return report(data, ceilings, measured, warmUp.accepted + measured.accepted, rowsWritten, options);
  } finally {
    await stopIngestBenchmark();
  }
}

export async function stopIngestBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await current.server?.stop();
  rmSync(current.dir, { recursive: true, force: true });
}

/**
 * A server verifies every workspace's chain as soon as it starts (then
 * every AUDITDESK_VERIFY_MINUTES): on a 1,000,000-event log, seconds of
 * both cores. Measuring during it would measure the verification too.
 */
async function startupVerification(baseUrl: string, token: string): Promise<{ checked: number; seconds: number }> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { items } = await callApi<{ items: Array<{ trigger: string; checked: number; startedAt: string; finishedAt: string }> }>(
      baseUrl,
      'GET',
      '/api/v1/audit/verifications?limit=1',
      token,
      undefined,
    );
    const run = items.find((item) => item.trigger === 'schedule');
    if (run) return { checked: run.checked, seconds: (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 };
    if (Date.now() > deadline) throw new Error('the server did not finish verifying the chain within 5 minutes of starting');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The ceiling on one driver, `perTransaction` rows a transaction, with the pragmas the server's writer uses. */
async function ceiling(databaseUrl: string, data: MillionEvents, driver: 'libsql-client' | 'auditdesk', perTransaction: number): Promise<Ceiling> {
  const client: Client =
    driver === 'auditdesk' ? new NativeClient(new NativeConnection(filePathOf(databaseUrl))) : createClient({ url: databaseUrl, concurrency: 1 });
  try {
    await client.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    const run = await appendGeneratedEvents(client, data, { perTransaction, seconds: CEILING_SECONDS });
    const synchronous = Number((await client.execute('PRAGMA synchronous')).rows[0]?.[0]);
    const journalMode = String((await client.execute('PRAGMA journal_mode')).rows[0]?.[0]);
    return { ...run, driver, perTransaction, synchronous, journalMode };
  } finally {
    client.close();
  }
}

/** `connections` clients posting bodies in turn until `seconds` have passed; each request its own Idempotency-Key. */
async function load(
  server: RunningServer,
  secret: string,
  bodies: string[],
  options: { seconds: number; connections: number; firstKey: number },
): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const cpuBefore = server.cpuSeconds();
  const began = performance.now();
  const deadline = began + options.seconds * 1000;
  let next = options.firstKey;
  const run: LoadRun = { requests: 0, accepted: 0, failures: [], seconds: 0, latenciesMs: [], serverCpuSeconds: null };
  const client = async () => {
    while (performance.now() < deadline) {
      const n = next++;
      const sent = performance.now();
      const answer = await post(agent, `${server.url}/api/v1/events`, secret, `bench-${n}`, bodies[n % bodies.length]!);
      run.latenciesMs.push(performance.now() - sent);
      run.requests++;
      const accepted = answer.status === 200 ? (JSON.parse(answer.body) as { summary: { accepted: number } }).summary.accepted : 0;
      run.accepted += accepted;
      if (accepted !== PER_REQUEST && run.failures.length < 5) run.failures.push(`${answer.status}: ${answer.body.slice(0, 300)}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, client));
  } finally {
    agent.destroy();
  }
  run.seconds = (performance.now() - began) / 1000;
  const cpuAfter = server.cpuSeconds();
  run.serverCpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return run;
}

function post(agent: http.Agent, url: string, secret: string, idempotencyKey: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': idempotencyKey,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function ingestedRows(databaseUrl: string, apiKeyId: string): Promise<number> {
  const client = createClient({ url: databaseUrl });
  try {
    return Number((await client.execute({ sql: 'select count(*) from audit_events where api_key_id = ?', args: [apiKeyId] })).rows[0]?.[0]);
  } finally {
    client.close();
  }
}

function report(data: MillionEvents, ceilings: Ceiling[], measured: LoadRun, accepted: number, rowsWritten: number, options: IngestOptions): boolean {
  const ingestRate = measured.accepted / measured.seconds;
  const best = ceilings.reduce((a, b) => (b.rows / b.seconds > a.rows / a.seconds ? b : a));
  const bestRate = best.rows / best.seconds;
  const ratio = ingestRate / bestRate;
  const honest = ceilings.every((c) => c.synchronous === 2 && c.journalMode === 'wal');
  const clean = measured.failures.length === 0;
  const sorted = [...measured.latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const cpuPerThousand = measured.serverCpuSeconds === null ? null : (measured.serverCpuSeconds * 1000) / (measured.accepted / 1000);
  const rows: Array<[string, string, string]> = [
    ['a  ingested events/s via HTTP', int(ingestRate), `${int(measured.accepted)} events, ${measured.requests} requests in ${measured.seconds.toFixed(1)} s`],
    ['   request latency p50 / p95', `${at(0.5).toFixed(0)} / ${at(0.95).toFixed(0)} ms`, `${options.connections} connections, ${PER_REQUEST} events a request`],
    ['   server CPU per 1,000 events', cpuPerThousand === null ? 'n/a' : `${cpuPerThousand.toFixed(0)} ms`, ''],
    ['   requests not fully accepted', String(measured.failures.length), clean ? 'ok' : measured.failures.join(' | ')],
    ['   events accepted / rows written', `${int(accepted)} / ${int(rowsWritten)}`, accepted === rowsWritten ? 'equal: every accepted event written once' : 'MISMATCH'],
    ...ceilings.map((c, i): [string, string, string] => [
      `${i === 0 ? 'b' : ' '}  raw bulk insert, ${c.driver}, ${int(c.perTransaction)}/tx${i === ceilings.length - 1 ? ' (after)' : ''}`,
      `${int(c.rows / c.seconds)}/s`,
      `${int(c.rows)} rows in ${c.seconds.toFixed(1)} s; database alone ${int(c.rows / c.databaseSeconds)}/s`,
    ]),
    ['   synchronous / journal_mode', `${best.synchronous === 2 ? 'FULL' : best.synchronous} / ${best.journalMode}`, honest ? 'ok' : 'NOT AS REQUIRED'],
    ['c  ratio a/b (highest ceiling)', ratio.toFixed(2), `target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT MET'}; against its database time alone ${(ingestRate / (best.rows / best.databaseSeconds)).toFixed(2)}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nAuditdesk ingestion benchmark (${int(data.rows)} events already in the log)\n`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
  console.log('');
  return clean && honest && accepted === rowsWritten;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
