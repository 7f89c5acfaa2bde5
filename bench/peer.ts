import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/*
 * The peer: what a team would build instead of Auditdesk, PostgreSQL with
 * the classic row-level audit trigger (an AFTER UPDATE … FOR EACH ROW
 * trigger writing one audit row per changed column), driven by its own
 * bench.mjs with 16 clients over the unix socket, no HTTP. It lives outside
 * this repository (a copy of the peer folder, set up with its setup.sh);
 * the writes part runs it in the same bench run as ours, rounds alternating,
 * so both see the same machine.
 */

// A folder named `peer` beside the repository's own folder.
const DEFAULT_DIR = fileURLToPath(new URL('../../peer', import.meta.url));
const CLIENTS = 16;
const PEER_WARM_UP_SECONDS = 3;
/** Room for the peer's reset (deleting earlier audit rows, VACUUM) and node's start-up. */
const PEER_OVERHEAD_SECONDS = 60;
const CONNECT_TIMEOUT_MS = 2_000;

/** `where`: PostgreSQL's unix socket or host:port. */
export type PeerSetup = { enabled: true; dir: string; where: string } | { enabled: false; reason: string };

export interface PeerRun {
  updatesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  auditRowsPerUpdate: number;
  errors: number;
  /** The peer's own result line, as printed. */
  line: string;
}

const HOW_TO_ENABLE =
  'to run it: BENCH_PEER=1, with PostgreSQL and the peer set up (a copy of the postgres-trigger peer folder, its ./setup.sh run; BENCH_PEER_DIR, default the folder peer beside the repository)';

/**
 * Whether the peer runs in this bench run, and if not, why: BENCH_PEER=1 asks
 * for it; its folder must hold bench.mjs with its dependencies, and its
 * PostgreSQL must accept connections (PGHOST/PGPORT as bench.mjs reads them).
 */
export async function peerSetup(env: NodeJS.ProcessEnv = process.env): Promise<PeerSetup> {
  if (env.BENCH_PEER !== '1') return { enabled: false, reason: `BENCH_PEER is not 1; ${HOW_TO_ENABLE}` };
  const dir = env.BENCH_PEER_DIR || DEFAULT_DIR;
  if (!existsSync(join(dir, 'bench.mjs'))) return { enabled: false, reason: `no bench.mjs in ${dir}; ${HOW_TO_ENABLE}` };
  if (!existsSync(join(dir, 'node_modules', 'pg'))) {
    return { enabled: false, reason: `the peer in ${dir} has no node_modules (run its ./setup.sh); ${HOW_TO_ENABLE}` };
  }
  const host = env.PGHOST || '/tmp';
  const port = Number(env.PGPORT || 55432);
  const where = host.startsWith('/') ? join(host, `.s.PGSQL.${port}`) : `${host}:${port}`;
  if (!(await accepts(host, port))) {
    return { enabled: false, reason: `PostgreSQL does not answer at ${where} (start it with the peer's ./setup.sh); ${HOW_TO_ENABLE}` };
  }
  return { enabled: true, dir, where };
}

/** One run of the peer's trigger mode for `seconds` (after its own warm-up). */
export async function runPeer(dir: string, seconds: number): Promise<PeerRun> {
  // The peer writes a JSON report per run; kept out of its folder and dropped.
  const reportDir = mkdtempSync(join(tmpdir(), 'auditdesk-peer-'));
  const args = [
    'bench.mjs',
    '--no-queries',
    `--clients=${CLIENTS}`,
    `--duration=${seconds}`,
    `--warmup=${PEER_WARM_UP_SECONDS}`,
    '--modes=trigger',
    `--out=${join(reportDir, 'report.json')}`,
  ];
  try {
    const output = await runNode(dir, args, (seconds + PEER_WARM_UP_SECONDS + PEER_OVERHEAD_SECONDS) * 1000);
    const run = parsePeerOutput(output);
    if (!run) throw new Error(`the peer printed no "trigger clients=${CLIENTS} … updates/s" line:\n${output.slice(-2_000)}`);
    return run;
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/**
 * The peer's result line, e.g.
 * `trigger clients=16    3487 updates/s  p50 4.2 ms  p95 7.9 ms  p99 10.1 ms  audit rows/update 1.000  errors 0  …`.
 */
export function parsePeerOutput(output: string): PeerRun | null {
  const line = output.split('\n').find((l) => new RegExp(`^trigger\\s+clients=\\s*${CLIENTS}\\s+\\d`).test(l));
  if (!line) return null;
  const number = (pattern: RegExp) => {
    const match = pattern.exec(line);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]);
  };
  return {
    updatesPerSecond: number(/\s([\d.]+) updates\/s/),
    p50Ms: number(/p50 ([\d.]+) ms/),
    p95Ms: number(/p95 ([\d.]+) ms/),
    auditRowsPerUpdate: number(/audit rows\/update ([\d.]+)/),
    errors: number(/errors (\d+)/),
    line: line.trim(),
  };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = host.startsWith('/') ? connect(join(host, `.s.PGSQL.${port}`)) : connect(port, host);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

let running: { kill(signal: NodeJS.Signals): boolean } | undefined;

/** Stops a peer run in progress (for the orchestrator's abort path). */
export function stopPeer(): void {
  running?.kill('SIGTERM');
  running = undefined;
}

function runNode(cwd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      if (code === 0) resolve(output);
      else reject(new Error(`the peer exited with ${signal ?? `code ${code}`}:\n${output.slice(-2_000)}`));
    });
  });
}
