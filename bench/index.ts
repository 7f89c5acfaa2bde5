import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPageBenchmark, stopPageBenchmark } from './audit-page';
import { runChainBenchmark, stopChainBenchmark } from './chain-writes';
import { runReadBenchmark, stopReadBenchmark } from './audit-reads';
import { runDeliveryBenchmark, stopDeliveryBenchmark } from './delivery';
import { runExtensionBenchmark } from './extension';
import { runIngestBenchmark, stopIngestBenchmark } from './ingest';
import { runNotifyBenchmark } from './notify';
import { prepareWorkspace, seedAgent } from './fixtures';
import { type HttpUpdatesResult, runHttpUpdates } from './http-updates';
import { type InProcessUpdatesResult, runInProcessUpdatesInChild } from './in-process-updates';
import { type RawCeilingResult, runRawCeilingInChild } from './raw-ceiling';
import { type PeerRun, type PeerSetup, peerSetup, runPeer, stopPeer } from './peer';
import { runPeerOverHttp, stopPeerOverHttp } from './peer-over-http';
import { type RunningServer, startServer } from './server';
import { runSqldBenchmark, stopSqldBenchmark } from './sqld';
import { runTwoServers } from './two-servers';
import { runVerifyBenchmark, stopVerifyBenchmark } from './verify';
import { runWatchesBenchmark, stopWatchesBenchmark } from './watches';

/*
 * `npm run bench`: audited updates per second through the real HTTP server,
 * against the raw ceiling of the same machine and database file (UPDATE +
 * audit INSERT per transaction, no server), both with synchronous=FULL, and
 * against the same updates made in process with no HTTP (in-process-updates.ts),
 * and against two servers each on its own database sharing the load
 * (two-servers.ts: what both cores give this work, with nothing shared).
 * Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (16), BENCH_CONVERSATIONS (64),
 * BENCH_CPU_PROF=dir (write a .cpuprofile of the server there).
 * BENCH_PEER=1 adds the peer (peer.ts: PostgreSQL with a row-level audit
 * trigger) in the same run, rounds alternating with ours (BENCH_ROUNDS, 3
 * with the peer, 1 without), each round's figures, the medians and the
 * ratios ours/peer; BENCH_PEER_DIR is where the peer is set up.
 * Then the audit-log read benchmark (audit-reads.ts) on its own 1,000,000-event
 * database. Then the extension's benchmark (extension.ts: content-script size,
 * time to the panel's first history row in Chromium). Then the audit page's
 * benchmark (audit-page.ts: opening, filter changes, scrolling and input
 * delay during an export on a 1,000,000-event log, in Chromium).
 * Then the watches benchmark (watches.ts: audited updates/s with 1,000
 * watches in the workspace against none, side by side).
 * Then the notification benchmark (notify.ts: a matching change committed →
 * the background's desktop notification, in Chromium).
 * Then the hash-chain benchmark (chain-writes.ts: audited updates/s with the
 * chain against the same writes without it, side by side), and the
 * verification benchmark (verify.ts: a full verification of a
 * 1,000,000-event chain, and an incremental one of its last hour).
 * Then the ingestion benchmark (ingest.ts: events/s through POST /events
 * into a 1,000,000-event log, against the raw bulk-insert ceiling), and the
 * streaming delivery benchmark (delivery.ts: lag of a webhook destination
 * while 500 changes a second are written).
 * Then the libSQL server benchmark (sqld.ts: audited updates/s through HTTP
 * with one and with two Auditdesk processes on one sqld, against the raw
 * ceiling of that sqld, same run).
 * BENCH_ONLY=writes|reads|extension|page|watches|notify|chain|verify|ingest|delivery|sqld runs one part.
 */

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 16);
const CONVERSATIONS = positiveInt('BENCH_CONVERSATIONS', 64);
const RAW_SECONDS = Math.max(1, Math.round(SECONDS / 2));
const ASKED_FOR_PEER = process.env.BENCH_PEER === '1';
const ROUNDS = positiveInt('BENCH_ROUNDS', ASKED_FOR_PEER ? 3 : 1);
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'writes', 'reads', 'extension', 'page', 'watches', 'notify', 'chain', 'verify', 'ingest', 'delivery', 'sqld'].includes(ONLY)) {
  throw new Error(`BENCH_ONLY must be writes, reads, extension, page, watches, notify, chain, verify, ingest, delivery or sqld, got "${ONLY}"`);
}
const RUN_WRITES = ONLY === '' || ONLY === 'writes';
const RUN_READS = ONLY === '' || ONLY === 'reads';
const RUN_EXTENSION = ONLY === '' || ONLY === 'extension';
const RUN_PAGE = ONLY === '' || ONLY === 'page';
const RUN_WATCHES = ONLY === '' || ONLY === 'watches';
const RUN_NOTIFY = ONLY === '' || ONLY === 'notify';
const RUN_CHAIN = ONLY === '' || ONLY === 'chain';
const RUN_VERIFY = ONLY === '' || ONLY === 'verify';
const RUN_INGEST = ONLY === '' || ONLY === 'ingest';
const INGEST_CONNECTIONS = positiveInt('BENCH_INGEST_CONNECTIONS', 4);
const INGEST_EVENTS = positiveInt('BENCH_INGEST_EVENTS', 1_000_000);
const RUN_DELIVERY = ONLY === '' || ONLY === 'delivery';
const DELIVERY_RATE = positiveInt('BENCH_DELIVERY_RATE', 500);
const DELIVERY_SECONDS = positiveInt('BENCH_DELIVERY_SECONDS', 30);
const RUN_SQLD = ONLY === '' || ONLY === 'sqld';
// Setup, warm-up, the measured run and the raw run take well under this;
// the read part (generating 1M events included) well under ten minutes, the
// page part (its own 1M events, a build, loads, a scroll and an export) too.
// Each further round of ours adds a warm-up, a run and the audit-row count;
// each peer round its warm-up, run and reset (its own timeout is shorter),
// then its HTTP front's start, warm-up and run; the two-server run a second
// server's setup, a warm-up and a run.
const WRITES_SECONDS = SECONDS * 7 + 160 + (ROUNDS - 1) * (SECONDS * 2 + 30) + (ASKED_FOR_PEER ? ROUNDS * (SECONDS * 4 + 100) : 0);
const WATCHDOG_MS = ((RUN_WRITES ? WRITES_SECONDS : 0) + (RUN_READS ? 600 : 0) + (RUN_EXTENSION ? 180 : 0) + (RUN_PAGE ? 900 : 0) + (RUN_WATCHES ? SECONDS * 6 + 240 : 0) + (RUN_NOTIFY ? 180 : 0) + (RUN_CHAIN ? SECONDS * 6 + 240 : 0) + (RUN_VERIFY ? 600 : 0) + (RUN_INGEST ? SECONDS * 3 + 900 : 0) + (RUN_DELIVERY ? DELIVERY_SECONDS * 2 + 180 : 0) + (RUN_SQLD ? SECONDS * 8 + 240 : 0)) * 1000;

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-bench-'));
const databaseUrl = `file:${join(dir, 'bench.db')}`;
let server: RunningServer | undefined;

async function cleanUp() {
  const running = server;
  server = undefined;
  await running?.stop();
  stopPeer();
  stopPeerOverHttp();
  rmSync(dir, { recursive: true, force: true });
  await stopReadBenchmark();
  await stopPageBenchmark();
  await stopWatchesBenchmark();
  await stopChainBenchmark();
  await stopVerifyBenchmark();
  await stopIngestBenchmark();
  await stopDeliveryBenchmark();
  await stopSqldBenchmark();
}

async function abort(reason: string, code: number) {
  console.error(reason);
  await cleanUp().catch((error: unknown) => console.error(error));
  process.exit(code);
}
process.once('SIGINT', () => void abort('interrupted', 130));
process.once('SIGTERM', () => void abort('terminated', 143));
setTimeout(() => void abort(`bench took longer than ${WATCHDOG_MS / 1000} s; stopped`, 1), WATCHDOG_MS).unref();

async function main(): Promise<boolean> {
  let ok = true;
  if (RUN_WRITES) ok = await writeBenchmark();
  if (RUN_READS) ok = (await runReadBenchmark(log)) && ok;
  if (RUN_EXTENSION) ok = (await runExtensionBenchmark(log)) && ok;
  if (RUN_PAGE) ok = (await runPageBenchmark(log)) && ok;
  if (RUN_WATCHES) ok = (await runWatchesBenchmark(log, { seconds: SECONDS, connections: CONNECTIONS, conversations: CONVERSATIONS })) && ok;
  if (RUN_NOTIFY) ok = (await runNotifyBenchmark(log)) && ok;
  if (RUN_CHAIN) ok = (await runChainBenchmark(log, { seconds: SECONDS, connections: CONNECTIONS, conversations: CONVERSATIONS })) && ok;
  if (RUN_VERIFY) ok = (await runVerifyBenchmark(log)) && ok;
  if (RUN_INGEST) ok = (await runIngestBenchmark(log, { seconds: SECONDS, connections: INGEST_CONNECTIONS, events: INGEST_EVENTS })) && ok;
  if (RUN_DELIVERY) ok = (await runDeliveryBenchmark(log, { rate: DELIVERY_RATE, seconds: DELIVERY_SECONDS })) && ok;
  if (RUN_SQLD) {
    const sqld = { seconds: SECONDS, connections: CONNECTIONS, conversations: CONVERSATIONS, rawSeconds: RAW_SECONDS, cpuProfileDir: process.env.BENCH_CPU_PROF };
    ok = (await runSqldBenchmark(log, sqld)) && ok;
  }
  return ok;
}

async function writeBenchmark(): Promise<boolean> {
  try {
    const peer = await peerSetup();
    log(`database ${databaseUrl} (synchronous=FULL, WAL)`);
    const agent = await seedAgent(databaseUrl);
    server = await startServer(databaseUrl, { cpuProfileDir: process.env.BENCH_CPU_PROF });
    log(`server ${server.url} (child process)`);
    const running = server;
    const workspace = await prepareWorkspace(running.url, agent, CONVERSATIONS);
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: PATCH /api/v1/conversations/:id, ${CONNECTIONS} connections, ~${SECONDS} s after a 2 s warm-up`);
      const http = await runHttpUpdates({
        baseUrl: running.url,
        databaseUrl,
        token: workspace.token,
        conversationIds: workspace.conversationIds,
        connections: CONNECTIONS,
        seconds: SECONDS,
        serverCpuSeconds: running.cpuSeconds,
      });
      log(`round ${round}/${ROUNDS}: Auditdesk ${int(http.updatesPerSecond)} audited updates/s via HTTP`);
      let peerRun: PeerRun | undefined;
      let peerOverHttp: HttpUpdatesResult | undefined;
      if (peer.enabled) {
        log(`round ${round}/${ROUNDS}: peer, node bench.mjs --no-queries --clients=16 --duration=${SECONDS} --modes=trigger in ${peer.dir}`);
        peerRun = await runPeer(peer.dir, SECONDS);
        log(`round ${round}/${ROUNDS}: peer ${peerRun.line}`);
        log(`round ${round}/${ROUNDS}: peer behind a bare node:http front, ${CONNECTIONS} connections, ~${SECONDS} s after a 2 s warm-up`);
        peerOverHttp = await runPeerOverHttp(peer.dir, { connections: CONNECTIONS, seconds: SECONDS });
        log(`round ${round}/${ROUNDS}: peer ${int(peerOverHttp.updatesPerSecond)} audited updates/s via HTTP`);
      }
      rounds.push({ http, peer: peerRun, peerOverHttp });
    }
    log(`two servers, each on its own database: ${Math.floor(CONNECTIONS / 2)} connections each, ~${SECONDS} s after a 2 s warm-up`);
    const first = { ...workspace, baseUrl: running.url, databaseUrl, serverCpuSeconds: running.cpuSeconds };
    const twoServers = await runTwoServers(first, dir, { connections: CONNECTIONS, seconds: SECONDS, conversations: CONVERSATIONS });
    await running.stop();
    server = undefined;
    log(`the same updates in process, no HTTP: ${CONNECTIONS} callers, ${RAW_SECONDS} s`);
    const inProcess = await runInProcessUpdatesInChild(databaseUrl, workspace, { seconds: RAW_SECONDS, connections: CONNECTIONS });
    log(`raw ceiling: plain @libsql/client on the same file, ${RAW_SECONDS} s, then on Auditdesk's embedded driver`);
    const raw = await runRawCeilingInChild(databaseUrl, workspace, RAW_SECONDS, { driver: 'libsql-client' });
    const rawOwnDriver = await runRawCeilingInChild(databaseUrl, workspace, RAW_SECONDS, { driver: 'auditdesk' });
    const ok = report(rounds, inProcess, twoServers, raw, rawOwnDriver);
    return reportPeer(rounds, inProcess, twoServers, peer) && ok;
  } finally {
    await cleanUp();
  }
}

/** One round of the writes part: our HTTP run, then the peer's when it runs. */
interface Round {
  http: HttpUpdatesResult;
  peer: PeerRun | undefined;
  /** The peer behind the thinnest HTTP front (peer-over-http.ts), when the peer runs. */
  peerOverHttp: HttpUpdatesResult | undefined;
}

/** The round whose audited updates/s is the median (the lower middle one for an even count). */
function medianRound(rounds: Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.http.updatesPerSecond - b.http.updatesPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function report(rounds: Round[], inProcess: InProcessUpdatesResult, twoServers: HttpUpdatesResult, raw: RawCeilingResult, rawOwnDriver: RawCeilingResult): boolean {
  const runs = rounds.map((r) => r.http);
  const { http } = medianRound(rounds);
  const auditMatches = runs.every((run) => run.auditRows === run.ok);
  const clean = runs.every((run) => run.non2xx === 0 && run.errors === 0 && run.timeouts === 0 && !run.cutShort);
  const rawHonest = [raw, rawOwnDriver].every((r) => r.synchronous === 2 && r.journalMode === 'wal' && r.auditRows === r.transactions);
  const inProcessHonest = inProcess.auditRows === inProcess.updates;
  const twoServersHonest =
    twoServers.auditRows === twoServers.ok && twoServers.non2xx === 0 && twoServers.errors === 0 && twoServers.timeouts === 0 && !twoServers.cutShort;
  const ratio = http.updatesPerSecond / raw.updatesPerSecond;
  const ms = (n: number) => n.toFixed(1);
  const sum = (pick: (run: HttpUpdatesResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const shown = rounds.indexOf(medianRound(rounds)) + 1;
  const which = runs.length === 1 ? '' : ` (round ${shown}: ${runs.length % 2 === 1 ? 'the median' : 'lower middle'} of ${runs.length})`;
  const rows: Array<[string, string, string]> = [
    [`a  audited updates/s via HTTP${which}`, int(http.updatesPerSecond), `${int(http.ok)} in ${http.seconds.toFixed(1)} s`],
    [
      `   2xx responses / audit rows${runs.length === 1 ? '' : ', all rounds'}`,
      `${int(sum((run) => run.ok))} / ${int(sum((run) => run.auditRows))}`,
      auditMatches ? 'equal: every 2xx audited once' : 'MISMATCH',
    ],
    [
      `   non-2xx / errors / timeouts${runs.length === 1 ? '' : ', all rounds'}`,
      `${sum((run) => run.non2xx)} / ${sum((run) => run.errors)} / ${sum((run) => run.timeouts)}`,
      clean ? 'ok' : runs.some((run) => run.cutShort) ? 'CUT SHORT' : 'NOT ZERO',
    ],
    ['   latency p50 / p97.5 / p99', `${ms(http.latency.p50)} / ${ms(http.latency.p97_5)} / ${ms(http.latency.p99)} ms`, `${CONNECTIONS} connections`],
    [
      '   CPU per update: server / bench',
      `${http.cpuMsPerUpdate.server === null ? 'n/a' : http.cpuMsPerUpdate.server.toFixed(2)} / ${http.cpuMsPerUpdate.loadGenerator.toFixed(2)} ms`,
      http.cpuMsPerUpdate.server ? `≈ ${int(1000 / http.cpuMsPerUpdate.server)} updates per server CPU-second` : '',
    ],
    [
      '   the same updates in process, no HTTP',
      int(inProcess.updatesPerSecond),
      `${CONNECTIONS} callers; ${inProcess.cpuMsPerUpdate.toFixed(2)} ms CPU/update; ${inProcessHonest ? 'one audit row each' : 'AUDIT ROWS MISMATCH'}; ratio a/this ${(http.updatesPerSecond / inProcess.updatesPerSecond).toFixed(2)}`,
    ],
    [
      '   two servers, each on its own database',
      int(twoServers.updatesPerSecond),
      `${Math.floor(CONNECTIONS / 2)} connections each; ${twoServers.cpuMsPerUpdate.server?.toFixed(2) ?? 'n/a'} ms server CPU/update; ` +
        `${twoServersHonest ? 'every 2xx audited once' : 'NOT CLEAN (errors, or 2xx ≠ audit rows)'}; ratio a/this ${(http.updatesPerSecond / twoServers.updatesPerSecond).toFixed(2)}`,
    ],
    ['b  raw ceiling updates/s', int(raw.updatesPerSecond), `${int(raw.transactions)} tx in ${raw.seconds.toFixed(1)} s`],
    ['   synchronous / journal_mode', `${raw.synchronous === 2 ? 'FULL' : raw.synchronous} / ${raw.journalMode}`, rawHonest ? 'ok' : 'NOT AS REQUIRED'],
    ["   same loop on Auditdesk's driver", int(rawOwnDriver.updatesPerSecond), `${int(rawOwnDriver.transactions)} tx; ratio a/this ${(http.updatesPerSecond / rawOwnDriver.updatesPerSecond).toFixed(2)}`],
    ['c  ratio a/b', ratio.toFixed(2), 'target ≥ 0.5; product goal ≥ 1.0'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nAuditdesk write benchmark (${availableParallelism()} cores, node ${process.version})\n`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
  console.log('');
  return auditMatches && clean && rawHonest && inProcessHonest && twoServersHonest;
}

/**
 * Our audited updates/s against the peer's, round by round and as medians;
 * or one line saying the peer was skipped, why, and how to run it. False
 * when a peer run was not honest (errors, or not one audit row per update).
 */
function reportPeer(rounds: Round[], inProcess: InProcessUpdatesResult, twoServers: HttpUpdatesResult, peer: PeerSetup): boolean {
  if (!peer.enabled) {
    console.log(`peer (PostgreSQL + row-level audit trigger): skipped, ${peer.reason}\n`);
    return true;
  }
  const peerRuns = rounds.map((r) => r.peer!);
  const overHttp = rounds.map((r) => r.peerOverHttp!);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  type Line = [label: string, ours: string, peer: string, oursPerPeer: string, peerHttp: string, oursPerPeerHttp: string, note: string];
  const rows: Line[] = [['round', 'Auditdesk updates/s', 'peer', 'ours/peer', 'peer via HTTP', 'ours/that', 'peer p50 / p95, audit rows/update, errors; via HTTP: p50, 2xx = audit rows']];
  rounds.forEach((round, i) => {
    const p = peerRuns[i]!;
    const h = overHttp[i]!;
    rows.push([
      String(i + 1),
      int(round.http.updatesPerSecond),
      int(p.updatesPerSecond),
      ratio(round.http.updatesPerSecond, p.updatesPerSecond),
      int(h.updatesPerSecond),
      ratio(round.http.updatesPerSecond, h.updatesPerSecond),
      `${p.p50Ms.toFixed(1)} / ${p.p95Ms.toFixed(1)} ms, ${p.auditRowsPerUpdate.toFixed(3)}, ${p.errors}; ${h.latency.p50.toFixed(1)} ms, ${h.auditRows === h.ok ? 'yes' : 'NO'}`,
    ]);
  });
  const ours = median(rounds.map((r) => r.http.updatesPerSecond));
  const theirs = median(peerRuns.map((p) => p.updatesPerSecond));
  const theirsOverHttp = median(overHttp.map((h) => h.updatesPerSecond));
  rows.push(['median', int(ours), int(theirs), ratio(ours, theirs), int(theirsOverHttp), ratio(ours, theirsOverHttp), 'target ours/peer ≥ 1.0']);
  rows.push(['no HTTP', int(inProcess.updatesPerSecond), int(theirs), ratio(inProcess.updatesPerSecond, theirs), '', '', 'the same updates in process, against the peer median']);
  rows.push([
    '2 servers',
    int(twoServers.updatesPerSecond),
    int(theirs),
    ratio(twoServers.updatesPerSecond, theirs),
    int(theirsOverHttp),
    ratio(twoServers.updatesPerSecond, theirsOverHttp),
    'two of our servers on two databases, nothing shared: about the most both cores give this work',
  ]);
  const frontCpu = median(overHttp.map((h) => h.cpuMsPerUpdate.server ?? Number.NaN));
  const honest =
    peerRuns.every((p) => p.errors === 0 && p.auditRowsPerUpdate === 1) &&
    overHttp.every((h) => h.auditRows === h.ok && h.non2xx === 0 && h.errors === 0 && h.timeouts === 0 && !h.cutShort);
  const widths = [0, 1, 2, 3, 4, 5].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `Against the peer (${peer.dir}): PostgreSQL with a row-level audit trigger, 16 clients on ${peer.where}, no HTTP; ` +
      `via HTTP: the same transaction behind a bare node:http front (no sign-in, no validation; ${frontCpu.toFixed(2)} ms of front CPU/update, PostgreSQL's not counted), ` +
      `${CONNECTIONS} connections like ours; ${SECONDS} s per run, rounds alternating\n`,
  );
  for (const r of rows) {
    console.log([r[0].padEnd(widths[0]!), ...[1, 2, 3, 4, 5].map((i) => r[i]!.padStart(widths[i]!)), r[6]].join('  '));
  }
  console.log(honest ? '' : 'peer runs NOT CLEAN: errors, or not one audit row per 2xx update\n');
  return honest;
}

function int(n: number) {
  return Math.round(n).toLocaleString('en-US');
}

function log(message: string) {
  console.log(`· ${message}`);
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 1),
);
