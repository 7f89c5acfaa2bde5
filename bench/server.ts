import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../scripts/build-server';
import { cpuSecondsOf } from './process-cpu';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RunningServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The server's process id (to read its memory from /proc). */
  pid: number | undefined;
  /** CPU seconds (user + system) the server process has used so far; null off Linux. */
  cpuSeconds(): number | null;
  /** Stops the server (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>;
}

let built: Promise<string> | undefined;

/** The server as `npm start` and `npm run serve` run it, built once per bench run into a folder of the bench's own. */
function builtServer(): Promise<string> {
  built ??= buildServer(join(REPO_ROOT, 'dist', 'bench-server'));
  return built;
}

/**
 * Starts the real server (`backend/index.ts`, built as `npm run build`
 * builds it) in its own process, so the load generator neither shares its
 * event loop nor its CPU time. Port 0 lets the kernel pick a free port; the
 * server prints it.
 */
export async function startServer(
  databaseUrl: string,
  options: { cpuProfileDir?: string | undefined; startTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  // A CPU profile of the server (BENCH_CPU_PROF=dir) shows where an update's time goes.
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const entry = await builtServer();
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_SYNCHRONOUS: 'FULL',
      AUDITDESK_SEED: 'none',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      // One bench user makes thousands of requests a second: measure throughput, not the per-person limit.
      USER_RATE_PER_MINUTE: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept for the error message if the server fails; both streams must be
  // drained anyway or a chatty server would block on a full pipe.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stderr.on('data', keep);

  const stop = () => stopChild(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
      const timer = setTimeout(() => reject(new Error(`server did not start in ${startTimeoutMs} ms`)), startTimeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
      child.once('error', reject);
    });
    return { url: `http://127.0.0.1:${port}`, pid: child.pid, cpuSeconds: () => cpuSecondsOf(child.pid), stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // SIGTERM lets the server finish queued writes and close the database.
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
