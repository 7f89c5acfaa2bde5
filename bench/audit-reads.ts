import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditPage } from '../shared/audit-event';
import type { AuditFilters } from '../shared/schemas/audit';
import { CATEGORIES, type Category } from '../shared/enums';
import { auditPageJson } from '../backend/audit/query/page';
import type { HistorySubject } from '../backend/audit/query/where';
import type { Principal } from '../backend/auth/principal';
import { openDatabase } from '../backend/db/client';
import { type BenchClient, benchClient } from './http-client';
import { type BenchPerson, generateInChild, type MillionEvents, SEARCH_WORD } from './million-events';
import { type RunningServer, startServer } from './server';

/*
 * The read half of `npm run bench`: a 1,000,000-event log, then
 * p50/p95 of each page the product reads, over HTTP against the real server
 * (sequential requests on one keep-alive node:http connection, http-client.ts; body fully read) and
 * server-side (the same auditPageJson call in-process on the same file once the
 * server has stopped), plus the CSV export's rows/s and the server's peak RSS.
 * Knobs: BENCH_EVENTS (1,000,000), BENCH_SAMPLES (100), BENCH_DEEP_PAGES (1,000).
 */

const EVENTS = positiveInt('BENCH_EVENTS', 1_000_000);
const SAMPLES = positiveInt('BENCH_SAMPLES', 100);
const DEEP_PAGES = positiveInt('BENCH_DEEP_PAGES', 1_000);
/** Pages at each end of the deep walk compared with each other. */
const WALK_EDGE = 50;
/** How many pages at each end of a walk of `pages` are compared (fewer on a short walk). */
const walkEdge = (pages: number) => Math.min(WALK_EDGE, Math.floor(pages / 2));
const DAY_MS = 86_400_000;

let active: { dir: string; server: RunningServer | undefined } | undefined;

/** Stops the server and removes the temp files (for the orchestrator's abort path); safe to call twice. */
export async function stopReadBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await current.server?.stop();
  rmSync(current.dir, { recursive: true, force: true });
}

interface Scenario {
  name: string;
  /** Who asks. */
  as: 'admin' | 'agent';
  /** The i-th request: its filters and, for histories, the subject. */
  request(i: number): { filters: AuditFilters; subject?: HistorySubject };
  target: 'indexed' | 'search';
}

interface Timing {
  p50: number;
  p95: number;
  n: number;
}

interface Measured {
  scenario: Scenario;
  http: Timing;
  server?: Timing;
}

interface DeepWalk {
  httpFirst: Timing;
  httpLast: Timing;
  serverFirst?: Timing;
  serverLast?: Timing;
  pages: number;
}

interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  baselineRssMb: number | null;
  peakRssMb: number | null;
}

export async function runReadBenchmark(log: (message: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-reads-'));
  active = { dir, server: undefined };
  const databaseUrl = `file:${join(dir, 'reads.db')}`;
  try {
    log(`reads: generating ${EVENTS.toLocaleString('en-US')} audit events into ${databaseUrl}`);
    // In a process of its own: the generating process is left holding gigabytes and a busy core, and a
    // server started beside it took over 30 s to listen (the start timed out) instead of 2–4 s.
    const data = await generateInChild(databaseUrl, { events: EVENTS, customers: 2_000, conversations: 20_000, log });
    const generationRate = data.rows / data.seconds;
    log(`reads: generated ${data.rows.toLocaleString('en-US')} rows in ${data.seconds.toFixed(1)} s (${int(generationRate)} rows/s)`);
    const scenarios = scenariosOf(data);

    const server = await startServer(databaseUrl);
    active.server = server;
    log(`reads: server ${server.url} (child process, pid ${server.pid})`);
    const startUp = await settled(server);
    log(`reads: server's start-up work done after ${startUp.seconds.toFixed(1)} s (${startUp.cpuSeconds.toFixed(1)} CPU-s)${startUp.settled ? '' : ', NOT SETTLED: measuring anyway'}`);
    const tokens = { admin: await signIn(server.url, data.admin), agent: await signIn(server.url, data.agent) };
    const client = benchClient(server.url);
    const measured: Measured[] = [];
    for (const scenario of scenarios) {
      const http = await timeHttp(client, tokens[scenario.as], scenario);
      measured.push({ scenario, http });
      log(`reads: ${scenario.name}: HTTP p50 ${ms(http.p50)} p95 ${ms(http.p95)} ms`);
    }
    const httpWalk = await walkHttp(client, tokens.admin);
    log(`reads: deep walk over HTTP: pages 1–${walkEdge(httpWalk.pages)} p50 ${ms(httpWalk.first.p50)} ms, last ${walkEdge(httpWalk.pages)} p50 ${ms(httpWalk.last.p50)} ms`);
    const exported = await exportCsv(client, tokens.admin, server.pid);
    if (exported) log(`reads: export ${int(exported.rows)} rows in ${exported.seconds.toFixed(1)} s`);
    client.close();
    await server.stop();
    active.server = undefined;

    // Server-side: the same queries in-process, on the same file, nothing else running.
    const db = await openDatabase({ url: databaseUrl });
    try {
      const principals = { admin: principalOf(data, data.admin), agent: principalOf(data, data.agent) };
      const cursorKey = randomBytes(32);
      for (const m of measured) {
        m.server = await timeInProcess(m.scenario, (filters, subject) =>
          auditPageJson(db.reader, principals[m.scenario.as], filters, { cursorKey, ...(subject ? { subject } : {}) }),
        );
      }
      const serverWalk = await walk(async (cursor) =>
        JSON.parse(await auditPageJson(db.reader, principals.admin, { limit: 50, ...(cursor ? { cursor } : {}) }, { cursorKey })) as AuditPage,
      );
      const deep: DeepWalk = { httpFirst: httpWalk.first, httpLast: httpWalk.last, serverFirst: serverWalk.first, serverLast: serverWalk.last, pages: httpWalk.pages };
      return report(data, generationRate, measured, deep, exported);
    } finally {
      db.close();
    }
  } finally {
    await stopReadBenchmark();
  }
}

function scenariosOf(data: MillionEvents): Scenario[] {
  const at = (list: string[], i: number) => list[(i * 7919) % list.length]!;
  const monthAgo = new Date(data.newest - 30 * DAY_MS).toISOString();
  const indexed = 'indexed' as const;
  return [
    {
      name: 'conversation history page',
      as: 'agent',
      target: indexed,
      request: (i) => ({ filters: { limit: 50 }, subject: { type: 'conversation', id: at(data.conversationIds, i) } }),
    },
    {
      name: 'customer history page',
      as: 'agent',
      target: indexed,
      request: (i) => ({ filters: { limit: 50 }, subject: { type: 'customer', id: at(data.customerIds, i) } }),
    },
    ...CATEGORIES.map((category: Category) => ({
      name: `workspace log, ${category}`,
      as: 'admin' as const,
      target: indexed,
      request: () => ({ filters: { category: [category], limit: 50 } }),
    })),
    {
      name: 'user + 30-day range',
      as: 'admin',
      target: indexed,
      request: (i) => ({ filters: { actor: [i % 2 ? data.agent.id : data.admin.id], from: monthAgo, limit: 50 } }),
    },
    { name: `q search ("${SEARCH_WORD}", ~1% of rows)`, as: 'admin', target: 'search', request: () => ({ filters: { q: SEARCH_WORD, limit: 50 } }) },
  ];
}

function pathOf(request: { filters: AuditFilters; subject?: HistorySubject }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.filters)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, String(one));
  }
  const base = request.subject ? `/api/v1/${request.subject.type}s/${request.subject.id}/audit` : '/api/v1/audit';
  return `${base}?${query}`;
}

async function timeHttp(client: BenchClient, token: string, scenario: Scenario): Promise<Timing> {
  await get(client, pathOf(scenario.request(SAMPLES)), token); // warm-up (not counted)
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const path = pathOf(scenario.request(i));
    const started = performance.now();
    await get(client, path, token);
    times.push(performance.now() - started);
  }
  return timingOf(times);
}

async function timeInProcess(
  scenario: Scenario,
  query: (filters: AuditFilters, subject: HistorySubject | undefined) => Promise<string>,
): Promise<Timing> {
  const warm = scenario.request(SAMPLES);
  await query(warm.filters, warm.subject);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const { filters, subject } = scenario.request(i);
    const started = performance.now();
    await query(filters, subject);
    times.push(performance.now() - started);
  }
  return timingOf(times);
}

/** Walks DEEP_PAGES pages of the whole log (admin, limit 50) by cursor, timing each. */
async function walk(page: (cursor: string | null) => Promise<AuditPage>): Promise<{ first: Timing; last: Timing; pages: number }> {
  const times: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < DEEP_PAGES; i++) {
    const started = performance.now();
    const result: AuditPage = await page(cursor);
    times.push(performance.now() - started);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  const edge = walkEdge(times.length);
  return { first: timingOf(times.slice(0, edge)), last: timingOf(times.slice(-edge)), pages: times.length };
}

function walkHttp(client: BenchClient, token: string) {
  return walk(async (cursor) => {
    const query = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) });
    return JSON.parse(await get(client, `/api/v1/audit?${query}`, token)) as AuditPage;
  });
}

const SETTLE_SAMPLE_MS = 500;
/** Below this share of one core over a sample, the server is idle. */
const IDLE_SHARE = 0.1;
const SETTLE_LIMIT_MS = 180_000;

/**
 * Waits until the server has finished what it does when it starts: on a
 * log whose chain was never verified, the scheduled verification checks all
 * 1,000,000 events at once (10–25 s of both cores here), and the first
 * pages and the export were measured while it ran. Idle means two samples
 * in a row below a tenth of a core.
 */
async function settled(server: RunningServer): Promise<{ seconds: number; cpuSeconds: number; settled: boolean }> {
  const started = performance.now();
  const firstCpu = server.cpuSeconds();
  if (firstCpu === null) return { seconds: 0, cpuSeconds: 0, settled: false };
  let last = firstCpu;
  let idleSamples = 0;
  while (performance.now() - started < SETTLE_LIMIT_MS) {
    await sleep(SETTLE_SAMPLE_MS);
    const now = server.cpuSeconds() ?? last;
    idleSamples = now - last < (IDLE_SHARE * SETTLE_SAMPLE_MS) / 1000 ? idleSamples + 1 : 0;
    last = now;
    if (idleSamples === 2) return { seconds: (performance.now() - started) / 1000, cpuSeconds: now - firstCpu, settled: true };
  }
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: last - firstCpu, settled: false };
}

/** GET /audit/export?format=csv of everything, read as a stream and discarded; null when the route is not there. */
async function exportCsv(client: BenchClient, token: string, pid: number | undefined): Promise<ExportRun | null> {
  // The peak resident set so far (VmHWM) is reset, where the kernel allows it, so the peak read afterwards is the export's.
  const baselineRssMb = resetPeakMemory(pid) ? memoryMb(pid, 'VmRSS') : memoryMb(pid, 'VmHWM');
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let head = '';
  const status = await client.stream('/api/v1/audit/export?format=csv', token, (chunk) => {
    if (bytes < 300) head += chunk.subarray(0, 300).toString('utf8');
    bytes += chunk.byteLength;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  if (status === 404) return null;
  if (status !== 200) throw new Error(`export answered ${status}: ${head.slice(0, 300)}`);
  const seconds = (performance.now() - started) / 1000;
  // Line count minus the header; generated values hold no line breaks.
  return { rows: lines - 1, bytes, seconds, baselineRssMb, peakRssMb: memoryMb(pid, 'VmHWM') };
}

/** Resets the process's VmHWM to its current resident set (Linux: 5 written to /proc/<pid>/clear_refs); false when not allowed. */
function resetPeakMemory(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** A field of /proc/<pid>/status in MB (VmHWM is the process's peak resident set). */
function memoryMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | null {
  if (pid === undefined) return null;
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function get(client: BenchClient, path: string, token: string): Promise<string> {
  const { status, body } = await client.get(path, token);
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
  return body;
}

async function signIn(baseUrl: string, person: BenchPerson): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${person.email} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function principalOf(data: MillionEvents, person: BenchPerson): Principal {
  return {
    orgId: data.orgId,
    actor: { type: 'user', id: person.id, name: person.name },
    user: { id: person.id, email: person.email, name: person.name, role: person.role },
    apiKey: null,
    sessionId: null,
  };
}

function timingOf(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

function report(data: MillionEvents, generationRate: number, measured: Measured[], deep: DeepWalk, exported: ExportRun | null): boolean {
  const rows: Array<[string, string, string, string, string]> = [['', 'HTTP p50 / p95', 'server p50 / p95', 'target', '']];
  let ok = true;
  const verdict = (pass: boolean) => {
    ok &&= pass;
    return pass ? 'ok' : 'MISSED';
  };
  const pair = (t: Timing | undefined) => (t ? `${ms(t.p50)} / ${ms(t.p95)} ms` : 'n/a');
  for (const m of measured) {
    const limit = m.scenario.target === 'search' ? 50 : 10;
    rows.push([m.scenario.name, pair(m.http), pair(m.server), `HTTP p95 ≤ ${limit} ms`, verdict(m.http.p95 <= limit)]);
  }
  rows.push([`deep walk, pages 1–${walkEdge(deep.pages)}`, pair(deep.httpFirst), pair(deep.serverFirst), '', '']);
  rows.push([
    `deep walk, pages ${deep.pages - walkEdge(deep.pages) + 1}–${deep.pages}`,
    pair(deep.httpLast),
    pair(deep.serverLast),
    `p50 ≤ 2× first (${(deep.httpLast.p50 / deep.httpFirst.p50).toFixed(2)}×)`,
    verdict(deep.pages >= DEEP_PAGES && deep.httpLast.p50 <= 2 * deep.httpFirst.p50),
  ]);
  if (exported) {
    const perSecond = exported.rows / exported.seconds;
    rows.push(['export CSV, rows/s', int(perSecond), `${int(exported.rows)} rows, ${(exported.bytes / 2 ** 20).toFixed(0)} MB`, '≥ 100,000 rows/s', verdict(perSecond >= 100_000)]);
    const peak = exported.peakRssMb;
    rows.push([
      'export, server peak RSS (VmHWM)',
      peak === null ? 'n/a' : `${peak.toFixed(0)} MB`,
      exported.baselineRssMb === null ? '' : `${exported.baselineRssMb.toFixed(0)} MB before export`,
      '≤ 200 MB',
      peak === null ? 'n/a' : verdict(peak <= 200),
    ]);
  } else {
    rows.push(['export', 'skipped', 'route not mounted (404)', '', '']);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `\nAuditdesk audit-log read benchmark: ${int(data.rows)} events (generated at ${int(generationRate)} rows/s), ` +
      `${SAMPLES} requests per line, sequential on one connection\n`,
  );
  for (const r of rows) console.log(`${r[0].padEnd(widths[0]!)}  ${r[1].padStart(widths[1]!)}  ${r[2].padStart(widths[2]!)}  ${r[3].padEnd(widths[3]!)}  ${r[4]}`);
  console.log('');
  return ok;
}

const ms = (n: number) => n.toFixed(1);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
