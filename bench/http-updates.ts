import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client, createClient } from '@libsql/client';
import autocannon, { type Options, type Result } from 'autocannon';

export interface HttpUpdatesOptions {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  conversationIds: string[];
  connections: number;
  seconds: number;
  /** CPU seconds the server has used so far (null if unknown). */
  serverCpuSeconds(): number | null;
}

export interface HttpUpdatesResult {
  updatesPerSecond: number;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  auditRows: number;
  latency: { p50: number; p97_5: number; p99: number };
  /** CPU milliseconds per 2xx update of the server and of this (load generating) process. */
  cpuMsPerUpdate: { server: number | null; loadGenerator: number };
  /** True when the time guard had to cut the run short. */
  cutShort: boolean;
}

const WARM_UP_SECONDS = 2;

/**
 * Audited updates through real HTTP: each request is a PATCH that sets a
 * custom attribute of a conversation to a value never used before, so each
 * one is a real change that must leave exactly one audit row.
 *
 * A timed autocannon run drops the requests in flight when time is up, though
 * the server still commits them; counting audit rows against 2xx responses
 * would then be off by up to one per connection. So a short timed warm-up
 * measures the rate, and the measured run sends a fixed number of requests
 * (about `seconds` worth), every one of which is answered.
 */
export async function runHttpUpdates(options: HttpUpdatesOptions): Promise<HttpUpdatesResult> {
  if (options.conversationIds.length === 0) throw new Error('no conversations to update');
  let counter = 0;
  const patchRequest = (): Options => ({
    url: options.baseUrl,
    connections: options.connections,
    timeout: 10,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'PATCH',
        setupRequest: (request) => {
          const n = ++counter;
          const id = options.conversationIds[n % options.conversationIds.length];
          return { ...request, path: `/api/v1/conversations/${id}`, body: JSON.stringify({ custom: { counter: n } }) };
        },
      },
    ],
  });

  const warmUp = await runCannon({ ...patchRequest(), duration: WARM_UP_SECONDS }, WARM_UP_SECONDS * 3);
  const warmRate = warmUp.result['2xx'] / Math.max(warmUp.seconds, 0.1);
  const amount = Math.max(options.connections * 10, Math.round(warmRate * options.seconds));

  const before = await settledAuditCountOf(options.databaseUrl);
  const serverCpuBefore = options.serverCpuSeconds();
  const ownCpuBefore = process.cpuUsage();
  const run = await runCannon({ ...patchRequest(), amount }, options.seconds * 3 + 10);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const serverCpuAfter = options.serverCpuSeconds();
  const after = await settledAuditCountOf(options.databaseUrl);

  const { result } = run;
  return {
    updatesPerSecond: result['2xx'] / run.seconds,
    seconds: run.seconds,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    auditRows: after - before,
    latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    cpuMsPerUpdate: {
      server:
        serverCpuBefore === null || serverCpuAfter === null ? null : ((serverCpuAfter - serverCpuBefore) * 1000) / result['2xx'],
      loadGenerator: (ownCpu.user + ownCpu.system) / 1000 / result['2xx'],
    },
    cutShort: run.cutShort,
  };
}

interface CannonRun {
  result: Result;
  /** From the start to the last response, measured here (autocannon rounds to its 1 s sampling). */
  seconds: number;
  cutShort: boolean;
}

async function runCannon(options: Options, guardSeconds: number): Promise<CannonRun> {
  const { results, seconds, cutShort } = await runCannons([options], guardSeconds);
  return { result: results[0]!, seconds, cutShort };
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
export async function settledAuditCount(client: Client): Promise<number> {
  const count = async () => Number((await client.execute('SELECT count(*) AS n FROM audit_events')).rows[0]?.n);
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
