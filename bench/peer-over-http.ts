import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type HttpUpdatesResult, type LoadTarget, runLoad, settledCount } from './http-updates';
import { cpuSecondsOf } from './process-cpu';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'];

let running: ChildProcess | undefined;

/**
 * The peer's audited updates through HTTP (peer-over-http-child.ts: the
 * thinnest front a team could put before it), under the same load as ours:
 * `connections` keep-alive connections, a warm-up, then about `seconds` of
 * PATCH requests, each one a status change its trigger must audit once. The
 * server CPU is the front's alone: PostgreSQL's own processes are not counted.
 */
export async function runPeerOverHttp(dir: string, options: { connections: number; seconds: number }): Promise<HttpUpdatesResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peer-over-http-child.ts', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  running = child;
  try {
    const baseUrl = await listeningUrl(child);
    const ids = (await (await fetch(`${baseUrl}/conversation-ids`)).json()) as string[];
    const target: LoadTarget = {
      baseUrl,
      token: 'u_01_01',
      patch: (n) => ({
        path: `/conversations/${encodeURIComponent(ids[n % ids.length]!)}`,
        body: { status: STATUSES[n % STATUSES.length], otherwise: STATUSES[(n + 1) % STATUSES.length] },
      }),
      auditRows: () => settledCount(async () => (await (await fetch(`${baseUrl}/audit-rows`)).json()) as number),
      serverCpuSeconds: () => cpuSecondsOf(child.pid),
    };
    return await runLoad([target], options);
  } finally {
    stopPeerOverHttp();
  }
}

/** Stops the peer's HTTP front if it is running (also the orchestrator's abort path). */
export function stopPeerOverHttp(): void {
  running?.kill('SIGTERM');
  running = undefined;
}

async function listeningUrl(child: ChildProcess): Promise<string> {
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the peer's HTTP front did not start in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the peer's HTTP front exited (code ${String(code)}) before listening`);
  });
  // Once it listens, its exit (when stopped) is expected: only the race hears of an early one.
  exited.catch(() => undefined);
  return Promise.race([url, exited]);
}
