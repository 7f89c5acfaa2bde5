import { generateKeyPairSync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Client, createClient } from '@libsql/client';
import type { Options } from 'autocannon';
import { type Sqld, startSqld } from '../test/support/sqld';
import { type BenchWorkspace, prepareWorkspace, seedAgent } from './fixtures';
import { cpuSecondsOf } from './process-cpu';
import { runCannons, settledAuditCount } from './http-updates';
import { auditedUpdate } from './raw-ceiling';
import { type RunningServer, startServer } from './server';

/*
 * BENCH_ONLY=sqld: Auditdesk on a real libSQL server (sqld, over WebSocket),
 * in one run: (a) audited updates/s through HTTP with one Auditdesk process,
 * (b) with two processes on the same server, the load split across them,
 * (c) the raw ceiling of the server: plain @libsql/client, an UPDATE and its
 * audit INSERT per transaction, as many transactions at once as (a) has
 * connections. sqld, the Auditdesk processes and this load generator share
 * the machine's cores.
 */

export interface SqldBenchOptions {
  seconds: number;
  /** HTTP connections in (a), split evenly across the instances in (b); transactions at once in (c). */
  connections: number;
  conversations: number;
  rawSeconds: number;
  cpuProfileDir?: string | undefined;
}

interface UpdatesRun {
  instances: number;
  updatesPerSecond: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  auditRows: number;
  /** The worst of the instances' latencies, in ms. */
  latency: { p50: number; p99: number };
  /** CPU milliseconds per 2xx update: the Auditdesk processes together, sqld, this process. */
  cpuMsPerUpdate: { auditdesk: number | null; sqld: number | null; bench: number };
  cutShort: boolean;
}

interface RawRun {
  updatesPerSecond: number;
  seconds: number;
  transactions: number;
  errors: number;
  auditRows: number;
  cpuMsPerUpdate: { sqld: number | null; bench: number };
}

const WARM_UP_SECONDS = 2;

let sqld: Sqld | undefined;
let servers: RunningServer[] = [];

/** Stops whatever the benchmark left running (after a failure or an interrupt). */
export async function stopSqldBenchmark(): Promise<void> {
  const [running, server] = [servers, sqld];
  servers = [];
  sqld = undefined;
  await Promise.all(running.map((s) => s.stop()));
  await server?.stop();
}

export async function runSqldBenchmark(log: (message: string) => void, options: SqldBenchOptions): Promise<boolean> {
  try {
    const server = (sqld = await startSqld());
    log(`sqld ${server.url} (libsql-server 0.24.32, --use-custom-wal libsql-wal, a fresh data folder)`);
    const agent = await seedAgent(server.url);
    // Instances on one database sign its checkpoints with one key.
    const { privateKey } = generateKeyPairSync('ed25519');
    const signingKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const first = await startInstance(server.url, signingKey, options.cpuProfileDir);
    const workspace = await prepareWorkspace(first.url, agent, options.conversations);
    const client = createClient({ url: server.url });
    // Every PATCH sets a value never used before, so each one is a real change with one audit row.
    const counter = { n: 0 };
    try {
      log(`a: 1 instance, ${options.connections} connections, PATCH /api/v1/conversations/:id, ~${options.seconds} s after a ${WARM_UP_SECONDS} s warm-up`);
      const one = await runUpdates(client, server, [first], workspace, counter, options);
      const second = await startInstance(server.url, signingKey, undefined);
      const half = Math.max(1, Math.floor(options.connections / 2));
      log(`b: 2 instances, ${half} connections each at the same time`);
      const two = await runUpdates(client, server, [first, second], workspace, counter, { ...options, connections: half * 2 });
      await stopInstances();
      log(`c: raw ceiling, plain @libsql/client over ws, one batch (BEGIN, UPDATE, audit INSERT, COMMIT) per transaction, ${options.connections} at once, ${options.rawSeconds} s`);
      const raw = await runRawCeiling(client, server, workspace, counter, options);
      return report(one, two, raw, options);
    } finally {
      client.close();
    }
  } finally {
    await stopSqldBenchmark();
  }
}

async function startInstance(databaseUrl: string, signingKey: string, cpuProfileDir: string | undefined): Promise<RunningServer> {
  const server = await startServer(databaseUrl, { cpuProfileDir, env: { AUDITDESK_SIGNING_KEY: signingKey } });
  servers.push(server);
  return server;
}

async function stopInstances(): Promise<void> {
  const running = servers;
  servers = [];
  await Promise.all(running.map((s) => s.stop()));
}

/**
 * Audited updates through real HTTP, the connections split evenly across
 * `instances`, as the write benchmark measures them: a timed warm-up gives
 * the rate, then a fixed number of requests (about `seconds` worth) is sent,
 * so every one is answered and 2xx responses can be checked against the
 * audit rows written.
 */
async function runUpdates(
  client: Client,
  server: Sqld,
  instances: RunningServer[],
  workspace: BenchWorkspace,
  counter: { n: number },
  options: SqldBenchOptions,
): Promise<UpdatesRun> {
  const connections = Math.max(1, Math.floor(options.connections / instances.length));
  const load = (instance: RunningServer): Options => ({
    url: instance.url,
    connections,
    timeout: 10,
    headers: { authorization: `Bearer ${workspace.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request) => {
          const n = ++counter.n;
          const id = workspace.conversationIds[n % workspace.conversationIds.length];
          return { ...request, path: `/api/v1/conversations/${id}`, body: JSON.stringify({ custom: { counter: n } }) };
        },
      },
    ],
  });

  const warmUp = await runCannons(instances.map((instance) => ({ ...load(instance), duration: WARM_UP_SECONDS })), WARM_UP_SECONDS * 3);
  const warmRate = sum(warmUp.results.map((r) => r['2xx'])) / Math.max(warmUp.seconds, 0.1);
  const amount = Math.max(connections * 10, Math.round((warmRate * options.seconds) / instances.length));

  const before = await settledAuditCount(client);
  const cpuBefore = cpuOf(instances, server);
  const ownBefore = process.cpuUsage();
  const run = await runCannons(instances.map((instance) => ({ ...load(instance), amount })), options.seconds * 3 + 10);
  const own = process.cpuUsage(ownBefore);
  const cpuAfter = cpuOf(instances, server);
  const after = await settledAuditCount(client);

  const ok = sum(run.results.map((r) => r['2xx']));
  const perUpdate = (a: number | null, b: number | null) => (a === null || b === null ? null : ((b - a) * 1000) / ok);
  return {
    instances: instances.length,
    updatesPerSecond: ok / run.seconds,
    seconds: run.seconds,
    ok,
    non2xx: sum(run.results.map((r) => r.non2xx)),
    errors: sum(run.results.map((r) => r.errors)),
    timeouts: sum(run.results.map((r) => r.timeouts)),
    auditRows: after - before,
    latency: { p50: Math.max(...run.results.map((r) => r.latency.p50)), p99: Math.max(...run.results.map((r) => r.latency.p99)) },
    cpuMsPerUpdate: {
      auditdesk: perUpdate(cpuBefore.auditdesk, cpuAfter.auditdesk),
      sqld: perUpdate(cpuBefore.sqld, cpuAfter.sqld),
      bench: (own.user + own.system) / 1000 / ok,
    },
    cutShort: run.cutShort,
  };
}

/**
 * The server's own ceiling for the same audited update: `connections`
 * loops, each sending one write batch at a time (BEGIN, the UPDATE, its audit
 * INSERT and COMMIT in one request, the fewest round trips a transaction can
 * take), for `rawSeconds`.
 */
async function runRawCeiling(client: Client, server: Sqld, workspace: BenchWorkspace, counter: { n: number }, options: SqldBenchOptions): Promise<RawRun> {
  const before = await settledAuditCount(client);
  const sqldBefore = cpuSecondsOf(server.pid);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.rawSeconds * 1000;
  let transactions = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        try {
          await client.batch(auditedUpdate(workspace, ++counter.n), 'write');
          transactions++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const sqldAfter = cpuSecondsOf(server.pid);
  const after = await settledAuditCount(client);
  return {
    updatesPerSecond: transactions / seconds,
    seconds,
    transactions,
    errors,
    auditRows: after - before,
    cpuMsPerUpdate: {
      sqld: sqldBefore === null || sqldAfter === null ? null : ((sqldAfter - sqldBefore) * 1000) / transactions,
      bench: (own.user + own.system) / 1000 / transactions,
    },
  };
}

function report(one: UpdatesRun, two: UpdatesRun, raw: RawRun, options: SqldBenchOptions): boolean {
  const ms = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));
  const runHonest = (run: UpdatesRun) => run.auditRows === run.ok && run.non2xx === 0 && run.errors === 0 && run.timeouts === 0 && !run.cutShort;
  const rawHonest = raw.auditRows === raw.transactions && raw.errors === 0;
  const runRows = (label: string, run: UpdatesRun, connections: string): Array<[string, string, string]> => [
    [label, int(run.updatesPerSecond), `${int(run.ok)} in ${run.seconds.toFixed(1)} s, ${connections}`],
    ['   2xx responses / audit rows', `${int(run.ok)} / ${int(run.auditRows)}`, run.auditRows === run.ok ? 'equal: every 2xx audited once' : 'MISMATCH'],
    ['   non-2xx / errors / timeouts', `${run.non2xx} / ${run.errors} / ${run.timeouts}`, runHonest(run) ? 'ok' : run.cutShort ? 'CUT SHORT' : 'NOT ZERO'],
    ['   latency p50 / p99 (worst instance)', `${run.latency.p50.toFixed(1)} / ${run.latency.p99.toFixed(1)} ms`, ''],
    [
      '   CPU per update: Auditdesk / sqld / bench',
      `${ms(run.cpuMsPerUpdate.auditdesk)} / ${ms(run.cpuMsPerUpdate.sqld)} / ${ms(run.cpuMsPerUpdate.bench)} ms`,
      run.instances > 1 ? 'Auditdesk: both processes together' : '',
    ],
  ];
  const half = Math.max(1, Math.floor(options.connections / 2));
  const rows: Array<[string, string, string]> = [
    ...runRows('a  audited updates/s, 1 instance', one, `${options.connections} connections`),
    ...runRows('b  audited updates/s, 2 instances', two, `${half} + ${half} connections`),
    ['c  raw sqld ceiling updates/s', int(raw.updatesPerSecond), `${int(raw.transactions)} tx in ${raw.seconds.toFixed(1)} s, ${options.connections} at once`],
    ['   transactions / audit rows / errors', `${int(raw.transactions)} / ${int(raw.auditRows)} / ${raw.errors}`, rawHonest ? 'ok' : 'NOT AS REQUIRED'],
    ['   CPU per update: sqld / bench', `${ms(raw.cpuMsPerUpdate.sqld)} / ${ms(raw.cpuMsPerUpdate.bench)} ms`, ''],
    ['   ratio a/c, b/c', `${(one.updatesPerSecond / raw.updatesPerSecond).toFixed(2)} / ${(two.updatesPerSecond / raw.updatesPerSecond).toFixed(2)}`, ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nAuditdesk on a libSQL server (sqld over ws, ${availableParallelism()} cores shared by sqld, Auditdesk and the bench; node ${process.version})\n`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`.trimEnd());
  console.log('');
  return runHonest(one) && runHonest(two) && rawHonest;
}

function cpuOf(instances: RunningServer[], server: Sqld): { auditdesk: number | null; sqld: number | null } {
  const each = instances.map((instance) => instance.cpuSeconds());
  return { auditdesk: each.includes(null) ? null : sum(each as number[]), sqld: cpuSecondsOf(server.pid) };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
