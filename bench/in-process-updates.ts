import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { BenchWorkspace } from './fixtures';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface InProcessUpdatesResult {
  updatesPerSecond: number;
  updates: number;
  seconds: number;
  /** CPU milliseconds of the whole process (every thread) per update. */
  cpuMsPerUpdate: number;
  auditRows: number;
}

/**
 * The write benchmark's audited updates with no HTTP in front of them
 * (in-process-updates-child.ts), in a process of its own on the same file
 * with the server stopped: what the write path itself can do, so the cost of
 * the HTTP stack reads as the difference.
 */
export async function runInProcessUpdatesInChild(
  databaseUrl: string,
  workspace: BenchWorkspace,
  options: { seconds: number; connections: number },
): Promise<InProcessUpdatesResult> {
  const args = ['--import', 'tsx', 'bench/in-process-updates-child.ts', databaseUrl, String(options.seconds), String(options.connections)];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(workspace));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`in-process updates run failed (exit ${code})`);
  return JSON.parse(output) as InProcessUpdatesResult;
}
