import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client, createClient } from '@libsql/client';
import autocannon, { type Options, type Result } from 'autocannon';

/** A server under load: where it listens, how to make a change it must audit, and how to count what it audited. */
export interface LoadTarget {
  baseUrl: string;
  /** The Authorization header's bearer token. */
  token: string;
  /** The n-th request: a PATCH whose change was never made before, so it must leave exactly one audit row. */
  patch(n: number): { path: string; body: unknown };
  /** The audit rows the server's database holds, once it has finished what it was sent. */
  auditRows(): Promise<number>;
  /** CPU seconds the server has used so far (null if unknown). */
  serverCpuSeconds(): number | null;
}

/** An Auditdesk server under the write benchmark's load. */
export interface UpdateTarget {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  conversationIds: string[];
  /** CPU seconds the server has used so far (null if unknown). */
  serverCpuSeconds(): number | null;
}

export interface HttpUpdatesOptions extends UpdateTarget {
  connections: number;
  seconds: number;
}

export interface HttpUpdatesResult {
  updatesPerSecond: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  auditRows: number;
  /** The slowest server's, when there are several. */
  latency: { p50: number; p97_5: number; p99: number };
  /** CPU milliseconds per 2xx update of the servers (together) and of this (load generating) process. */
  cpuMsPerUpdate: { server: number | null; loadGenerator: number };
  /** True when the time guard had to cut the run short. */
  cutShort: boolean;
}

const WARM_UP_SECONDS = 2;

/**
 * Audited updates through real HTTP: each request is a PATCH that sets a
 * custom attribute of a conversation to a value never used before, so each
 * one is a real change that must leave exactly one audit row.
 */
export function runHttpUpdates(options: HttpUpdatesOptions): Promise<HttpUpdatesResult> {
  return runLoad([auditdeskTarget(options)], options);
}

/** The write benchmark's PATCH of a conversation's custom attribute, against one Auditdesk server. */
export function auditdeskTarget(target: UpdateTarget): LoadTarget {
  if (target.conversationIds.length === 0) throw new Error('no conversations to update');
  return {
    baseUrl: target.baseUrl,
    token: target.token,
    patch: (n) => ({
      path: `/api/v1/conversations/${target.conversationIds[n % target.conversationIds.length]}`,
      body: { custom: { counter: n } },
    }),
    auditRows: () => settledAuditCountOf(target.databaseUrl),
    serverCpuSeconds: target.serverCpuSeconds,
  };
}

/**
 * Audited updates against one or more servers at once, the connections split
 * evenly between them; 2xx responses are checked against the audit rows each
 * server counts (each its own database).
 *
 * A timed autocannon run drops the requests in flight when time is up, though
 * the server still commits them; counting audit rows against 2xx responses
 * would then be off by up to one per connection. So a short timed warm-up
 * measures the rate, and the measured run sends a fixed number of requests
 * (about `seconds` worth), every one of which is answered.
 */
export async function runLoad(targets: LoadTarget[], options: { connections: number; seconds: number }): Promise<HttpUpdatesResult> {
  const connections = Math.max(1, Math.floor(options.connections / targets.length));
  let counter = 0;
  const patchRequest = (target: LoadTarget): Options => ({
    url: target.baseUrl,
    connections,
    timeout: 10,
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request) => {
          const { path, body } = target.patch(++counter);
          return { ...request, path, body: JSON.stringify(body) };
        },
      },
    ],
  });

  const warmUp = await runCannons(targets.map((target) => ({ ...patchRequest(target), duration: WARM_UP_SECONDS })), WARM_UP_SECONDS * 3);
  const warmRate = sum(warmUp.results.map((result) => result['2xx'])) / Math.max(warmUp.seconds, 0.1);
  const amount = Math.max(connections * 10, Math.round((warmRate * options.seconds) / targets.length));

  const before = await Promise.all(targets.map((target) => target.auditRows()));
  const serverCpuBefore = serverCpuOf(targets);
  const ownCpuBefore = process.cpuUsage();
  const run = await runCannons(targets.map((target) => ({ ...patchRequest(target), amount })), options.seconds * 3 + 10);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const serverCpuAfter = serverCpuOf(targets);
  const after = await Promise.all(targets.map((target) => target.auditRows()));

  const { results } = run;
  const ok = sum(results.map((result) => result['2xx']));
  const slowest = (pick: (result: Result) => number) => Math.max(...results.map(pick));
  return {
    updatesPerSecond: ok / run.seconds,
    seconds: run.seconds,
    ok,
    non2xx: sum(results.map((result) => result.non2xx)),
    errors: sum(results.map((result) => result.errors)),
    timeouts: sum(results.map((result) => result.timeouts)),
    auditRows: sum(after.map((count, i) => count - before[i]!)),
    latency: { p50: slowest((r) => r.latency.p50), p97_5: slowest((r) => r.latency.p97_5), p99: slowest((r) => r.latency.p99) },
    cpuMsPerUpdate: {
      server: serverCpuBefore === null || serverCpuAfter === null ? null : ((serverCpuAfter - serverCpuBefore) * 1000) / ok,
      loadGenerator: (ownCpu.user + ownCpu.system) / 1000 / ok,
    },
    cutShort: run.cutShort,
  };
}

/** The CPU seconds of all the servers together, or null if any is unknown. */
function serverCpuOf(targets: LoadTarget[]): number | null {
  const seconds = targets.map((target) => target.serverCpuSeconds());
  return seconds.some((value) => value === null) ? null : sum(seconds as number[]);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export interface CannonRuns {
  results: Result[];
  /** From the common start to the last response of any run. */
  seconds: number;
  /** True when the time guard had to stop a run. */
  cutShort: boolean;
}

/** Autocannon runs started at once, each bounded by `guardSeconds` in case a server stops answering. */
export async function runCannons(runs: Options[], guardSeconds: number): Promise<CannonRuns> {
  const started = performance.now();
  let lastResponse = started;
  let cutShort = false;
  const results = await Promise.all(
    runs.map(
      (options) =>
        new Promise<Result>((resolve, reject) => {
          const instance = autocannon(options, (error, result) => {
            clearTimeout(guard);
            if (error) reject(error);
            else resolve(result);
          });
          instance.on('response', () => {
            lastResponse = performance.now();
          });
          const guard = setTimeout(() => {
            cutShort = true;
            instance.stop();
          }, guardSeconds * 1000);
        }),
    ),
  );
  return { results, seconds: (lastResponse - started) / 1000, cutShort };
}

/**
 * The number of audit rows once the servers have finished what they were
 * sent (after a timed run they may still be committing requests autocannon
 * gave up on).
 */
export function settledAuditCount(client: Client): Promise<number> {
  return settledCount(async () => Number((await client.execute('SELECT count(*) AS n FROM audit_events')).rows[0]?.n));
}

/** `count()` once it has stopped changing (the same twice, 200 ms apart). */
export async function settledCount(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let i = 0; i < 25; i++) {
    await sleep(200);
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  throw new Error('audit rows kept growing after the load stopped');
}

async function settledAuditCountOf(databaseUrl: string): Promise<number> {
  const client = createClient({ url: databaseUrl });
  try {
    return await settledAuditCount(client);
  } finally {
    client.close();
  }
}
