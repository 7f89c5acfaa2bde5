import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { createTestWorkspace, PASSWORD } from '../support/harness';

/*
 * `npm start` and `npm run serve` run the server built into one module
 * (scripts/build-server.ts), not the TypeScript. Files some modules read
 * beside themselves travel with the build: a server built and started here,
 * on a database prepared by the test harness, must migrate, serve the
 * workspace's styled pages and check new passwords against the shipped list.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;

let dir: string;
let server: ChildProcess | undefined;
let baseUrl: string;

beforeAll(async () => {
  // Inside the repository, so the bundle finds node_modules as the real build does.
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'dist', 'built-server-test-'));
  const entry = await buildServer(join(dir, 'server'));
  const databaseUrl = `file:${join(dir, 'auditdesk.db')}`;
  // Users of each role, signed in with PASSWORD, written by the TypeScript app; then closed.
  (await createTestWorkspace({ databaseUrl })).close();
  server = spawn(process.execPath, [entry], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUDITDESK_SEED: 'none', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  baseUrl = await listeningUrl(server);
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
});

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the built server did not start: ${output}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the built server exited (${code}): ${output}`)));
  });
}

describe('the built server', () => {
  it('opens the database and answers its health check', async () => {
    const res = await fetch(`${baseUrl}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: 'ok' });
  });

  it('serves the workspace sign-in page with its styles inlined', async () => {
    const res = await fetch(`${baseUrl}/workspace/login`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<style>[^<]*\{[^<]*\}[^<]*<\/style>/);
  });

  it('refuses a new password from the shipped list of common passwords', async () => {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@test.example', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'iloveyou' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('commonly used');
  });
});
