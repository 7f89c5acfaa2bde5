import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { type BenchPerson, type BenchWorkspace, prepareWorkspace, seedBenchOrg } from './fixtures';
import { type HttpUpdatesResult, runHttpUpdates } from './http-updates';
import { type RunningServer, startServer } from './server';

/*
 * BENCH_ONLY=watches: audited updates per second in a workspace with 1,000
 * watches against one with none, on one server and one database file, in
 * alternating rounds so both see the same machine. The watches are mixed
 * (subjects with and without a property or value, filters, thresholds),
 * none matching the benched writes but three on benched conversations,
 * which notify as the writes land. Target ratio ≥ 0.9.
 * The rounds alternate A B B A after an uncounted warm-up.
 */

const WATCHERS = 10;
const WATCHES_PER_WATCHER = 100;
/** Conversations of the watched workspace that are watched but never benched. */
const OTHER_CONVERSATIONS = 50;
const ROUNDS = 4;

let active: { dir: string; server: RunningServer | undefined } | undefined;

export async function stopWatchesBenchmark(): Promise<void> {
  const current = active;
  active = undefined;
  if (!current) return;
  await current.server?.stop();
  rmSync(current.dir, { recursive: true, force: true });
}

export async function runWatchesBenchmark(
  log: (message: string) => void,
  options: { seconds: number; connections: number; conversations: number },
): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-watches-'));
  active = { dir, server: undefined };
  const databaseUrl = `file:${join(dir, 'watches.db')}`;
  try {
    const quiet = await seedBenchOrg(databaseUrl, [{ role: 'agent', name: 'Quiet Agent', email: 'quiet-agent@bench.example' }]);
    const watched = await seedBenchOrg(databaseUrl, [
      { role: 'agent', name: 'Watched Agent', email: 'watched-agent@bench.example' },
      ...Array.from({ length: WATCHERS }, (_, i) => ({ role: 'admin' as const, name: `Watcher ${i + 1}`, email: `watcher-${i + 1}@bench.example` })),
    ]);
    const server = await startServer(databaseUrl);
    active.server = server;
    log(`watches: server ${server.url}; two workspaces, one with ${int(WATCHERS * WATCHES_PER_WATCHER)} watches`);
    const [quietAgent] = quiet.people as [BenchPerson];
    const [watchedAgent, ...watchers] = watched.people as [BenchPerson, ...BenchPerson[]];
    const none = await prepareWorkspace(server.url, { orgId: quiet.orgId, email: quietAgent.email, password: quietAgent.password }, options.conversations);
    const many = await prepareWorkspace(
      server.url,
      { orgId: watched.orgId, email: watchedAgent.email, password: watchedAgent.password },
      options.conversations,
    );
    const made = await makeWatches(server.url, many, watchers);
    log(`watches: made ${int(made)} watches in the watched workspace`);

    const results: { none: HttpUpdatesResult[]; many: HttpUpdatesResult[] } = { none: [], many: [] };
    const seconds = Math.max(2, Math.round(options.seconds / (2 * ROUNDS)));
    const run = (workspace: BenchWorkspace, runSeconds: number) =>
      runHttpUpdates({
        baseUrl: server.url,
        databaseUrl,
        token: workspace.token,
        conversationIds: workspace.conversationIds,
        connections: options.connections,
        seconds: runSeconds,
        serverCpuSeconds: server.cpuSeconds,
      });
    log('watches: warming the server up (not counted)');
    await run(none, 2);
    // A B B A …: a drift of the machine over the run weighs on both sides alike.
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? (['none', 'many'] as const) : (['many', 'none'] as const);
      for (const label of order) {
        log(`watches: round ${round}/${ROUNDS}, ${label === 'none' ? 'no watches' : '1,000 watches'}, ~${seconds} s`);
        results[label].push(await run(label === 'none' ? none : many, seconds));
      }
    }
    const notified = await notificationCount(databaseUrl);
    return report(results, notified);
  } finally {
    await stopWatchesBenchmark();
  }
}

/**
 * 1,000 watches by ten admins: per admin 40 subject watches on conversations
 * never benched (some on a property, some on a value), 40 filters the benched
 * writes never meet (41 for all but three), 19 thresholds; and three that
 * match: two admins each watch one benched conversation, a third one
 * benched conversation's counter through a filter.
 */
async function makeWatches(baseUrl: string, workspace: BenchWorkspace, watchers: BenchPerson[]): Promise<number> {
  const others: string[] = [];
  for (let i = 0; i < OTHER_CONVERSATIONS; i++) {
    others.push((await post<{ id: string }>(baseUrl, '/api/v1/conversations', workspace.token, { customerId: workspace.customerId, name: `Not benched ${i}` })).id);
  }
  const filters = [
    'category=settings&section=business_rule',
    'category=settings&section=workflow',
    'event=login_failed',
    'category=authorization&event=locked_out',
    'category=conversation&property=priority&event=update',
    'category=conversation&property=status',
    'section=routing',
    'category=billing',
    `customer=${workspace.customerId}&property=assigneeId`,
    'event=merge',
  ];
  let made = 0;
  await Promise.all(
    watchers.map(async (watcher, w) => {
      const { token } = await post<{ token: string }>(baseUrl, '/api/v1/auth/login', null, { email: watcher.email, password: watcher.password });
      const bodies: object[] = [];
      for (let i = 0; i < 40; i++) {
        const id = others[(w * 40 + i) % others.length]!;
        const subject = i % 3 === 0 ? { type: 'conversation', id } : i % 3 === 1 ? { type: 'conversation', id, property: 'status' } : { type: 'conversation', id, property: 'status', value: 'done' };
        bodies.push({ subject });
      }
      for (let i = 0; i < 40; i++) bodies.push({ filter: filters[i % filters.length]!, name: `Filter ${i}` });
      for (let i = 0; i < 19; i++) {
        bodies.push({ filter: filters[i % 4]!, threshold: { count: 5 + i, minutes: 10, perActor: i % 2 === 0 }, name: `Threshold ${i}` });
      }
      const benched = workspace.conversationIds[w]!;
      if (w < 2) bodies.push({ subject: { type: 'conversation', id: benched }, name: 'Benched conversation' });
      else if (w === 2) bodies.push({ filter: `conversation=${benched}&property=custom.counter`, name: 'Benched counter' });
      else bodies.push({ filter: 'category=conversation&property=tags', name: 'Tags' });
      for (const body of bodies) {
        await post(baseUrl, '/api/v1/watches', token, body);
        made++;
      }
    }),
  );
  return made;
}

function report(results: { none: HttpUpdatesResult[]; many: HttpUpdatesResult[] }, notified: { notifications: number; matches: number }): boolean {
  const rate = (runs: HttpUpdatesResult[]) => runs.reduce((sum, r) => sum + r.ok, 0) / runs.reduce((sum, r) => sum + r.seconds, 0);
  const p50 = (runs: HttpUpdatesResult[]) => runs.map((r) => r.latency.p50).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const honest = [...results.none, ...results.many].every((r) => r.auditRows === r.ok && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0 && !r.cutShort);
  const none = rate(results.none);
  const many = rate(results.many);
  const ratio = many / none;
  console.log('\nAuditdesk watches benchmark: audited updates/s, same server and file, alternating rounds\n');
  console.log(`  no watches       ${int(none).padStart(7)} /s   rounds ${results.none.map((r) => int(r.updatesPerSecond)).join(', ')}   p50 ${p50(results.none).toFixed(1)} ms`);
  console.log(`  1,000 watches    ${int(many).padStart(7)} /s   rounds ${results.many.map((r) => int(r.updatesPerSecond)).join(', ')}   p50 ${p50(results.many).toFixed(1)} ms`);
  console.log(`  ratio            ${ratio.toFixed(2).padStart(7)}      target ≥ 0.9`);
  console.log(`  matched          ${int(notified.matches)} events → ${int(notified.notifications)} notifications (bursts grouped)`);
  console.log(`  every 2xx audited once, no errors: ${honest ? 'yes' : 'NO'}\n`);
  return honest;
}

async function notificationCount(databaseUrl: string): Promise<{ notifications: number; matches: number }> {
  const client = createClient({ url: databaseUrl });
  try {
    const n = async (table: string) => Number((await client.execute(`select count(*) as n from ${table}`)).rows[0]?.n);
    return { notifications: await n('notifications'), matches: await n('watch_matches') };
  } finally {
    client.close();
  }
}

async function post<T>(baseUrl: string, path: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
