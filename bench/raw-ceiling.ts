import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Client, InStatement } from '@libsql/client';
import { newUlid } from '../backend/audit/context';
import type { BenchWorkspace } from './fixtures';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RawCeilingResult {
  updatesPerSecond: number;
  transactions: number;
  seconds: number;
  /** Read back after the run: 2 is FULL. */
  synchronous: number;
  journalMode: string;
  auditRows: number;
}

const UPDATE = 'UPDATE conversations SET custom = ?, updated_at = ? WHERE id = ? AND org_id = ? AND deleted_at IS NULL';
const INSERT = `INSERT INTO audit_events (id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category,
  section, subject_type, subject_id, subject_label, customer_id, conversation_id, property, before, after, change_id,
  context, request_id, ip, user_agent, api_key_id)
  VALUES (?, ?, ?, 'user', ?, ?, 'update', 'conversation', 'conversation', 'conversation', ?, ?, ?, ?, 'custom.counter',
  ?, ?, ?, NULL, ?, '127.0.0.1', 'auditdesk-bench', NULL)`;

/** The raw ceiling's audited update number `n`: the UPDATE of a conversation and its audit row. */
export function auditedUpdate(workspace: BenchWorkspace, n: number): [InStatement, InStatement] {
  const { conversationIds, orgId, customerId, user } = workspace;
  const id = conversationIds[n % conversationIds.length] ?? '';
  const now = Date.now();
  return [
    { sql: UPDATE, args: [JSON.stringify({ counter: n }), now, id, orgId] },
    {
      sql: INSERT,
      args: [newUlid(), orgId, now, user.id, user.name, id, id, customerId, id, String(n - 1), String(n), newUlid(), newUlid()],
    },
  ];
}

/**
 * What the same machine and database file can do with no server at all: one
 * audited update (the UPDATE plus its audit row) per write transaction, one
 * after the other, on one connection with synchronous=FULL, like the
 * server's writer. Run with the server stopped. `client` has one connection,
 * so the per-connection pragma holds for the whole run.
 */
export async function runRawCeiling(client: Client, workspace: BenchWorkspace, seconds: number): Promise<RawCeilingResult> {
  try {
    await client.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    const auditRowsBefore = await count(client);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let n = 0;
    while (performance.now() < deadline) {
      n++;
      const [update, insert] = auditedUpdate(workspace, n);
      const tx = await client.transaction('write');
      try {
        await tx.execute(update);
        await tx.execute(insert);
        await tx.commit();
      } finally {
        tx.close();
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    const synchronous = Number((await client.execute('PRAGMA synchronous')).rows[0]?.[0]);
    const journalMode = String((await client.execute('PRAGMA journal_mode')).rows[0]?.[0]);
    return {
      updatesPerSecond: n / elapsed,
      transactions: n,
      seconds: elapsed,
      synchronous,
      journalMode,
      auditRows: (await count(client)) - auditRowsBefore,
    };
  } finally {
    client.close();
  }
}

async function count(client: Client): Promise<number> {
  return Number((await client.execute('SELECT count(*) AS n FROM audit_events')).rows[0]?.n);
}

/** `runRawCeiling` in a process of its own: on plain @libsql/client, or on Auditdesk's embedded driver. */
export async function runRawCeilingInChild(
  databaseUrl: string,
  workspace: BenchWorkspace,
  seconds: number,
  options: { driver: 'libsql-client' | 'auditdesk' },
): Promise<RawCeilingResult> {
  const args = ['--import', 'tsx', 'bench/raw-ceiling-child.ts', databaseUrl, String(seconds), options.driver];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(workspace));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`raw ceiling run failed (exit ${code})`);
  return JSON.parse(output) as RawCeilingResult;
}
