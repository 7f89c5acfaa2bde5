import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../backend/db/schema';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Files allowed to write tables directly, and why. Everything else must go
 * through the audit engine, so no change can skip its audit row.
 */
const ALLOWED: Record<string, string> = {
  'backend/audit/engine.ts': 'the one write path itself',
  'backend/audit/chain/append.ts': 'moves the chain head in the transaction of the audit rows the engine appends',
  'backend/audit/chain/seal-legacy.ts': 'gives events written before the hash chain their place in it at start (values re-encoded canonically, nothing else changed)',
  'backend/audit/chain/maintenance.ts': 'the marker row that lets the purge, redaction and sealing paths past the append-only triggers, inside their own transaction',
  'backend/audit/scrub.ts': 'redaction: the one sanctioned rewrite of past audit rows (values removed, rows kept)',
  'backend/auth/session-adapter.ts': 'sessions are credentials, not workspace objects',
  'backend/auth/throttle-store.ts': 'sign-in throttling state; the attempts and lock-outs are audited as events',
  'backend/auth/access-denied-windows.ts': 'counts of repeated refusals within a window; the first refusal and the summary of each window are audited as access_denied events',
  'backend/audit/retention/purge.ts': 'retention deletes expired audit rows in batches; each run is recorded as a purged event',
  'backend/audit/retention/tombstones.ts': 'the retention purge’s deletes: each deleted event leaves a tombstone, and the chain’s anchor moves past the purged prefix',
  'backend/notifications/store.ts': 'notifications and their stream feed are derived from audit rows already written, never workspace objects',
  'backend/notifications/match/records.ts': 'which events each watch matched and each threshold’s counting state, derived from audit rows in their transaction',
  'backend/entities/watches/generation.ts': 'a counter that tells each process’s cache of watches to reload; the watch changes themselves are audited',
  'backend/notifications/mark-read.ts': "marking a notification read changes only the reader's own notifications, not the workspace",
  'backend/notifications/prune.ts': 'old notifications, their matches and stream entries are derived data, deleted when no client needs them any more',
  'backend/audit/verify/record.ts': 'the record of a verification run: what the verifier read in the audit chain, not a workspace object',
  'backend/audit/checkpoints/sign.ts': 'a checkpoint is a signed statement about the audit chain, not a workspace object; its table only ever grows (triggers refuse UPDATE and DELETE)',
  'backend/integration/idempotency-store.ts': 'the first answer to each Idempotency-Key, kept in the transaction of the write it answers for: a record of a request, not a workspace object',
  'backend/schedule/lease.ts': 'which process runs a schedule: coordination between processes, not a workspace object',
  'backend/integration/streams/delivery-store.ts': 'how far each stream destination was delivered and its retry state, written with every batch: progress, not a setting (the settings and every pause are audited)',
};
/** Tables that are not audited objects: the workspace itself and its fixed setup data. */
const SETUP_TABLES = /\.insert\((organizations|teams|queues)\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const TABLE_EXPORTS = Object.entries(schema)
  .filter(([, value]) => is(value, SQLiteTable))
  .map(([name]) => name);
const SQL_TABLES = Object.values(schema)
  .filter((value) => is(value, SQLiteTable))
  .map((table) => getTableName(table as SQLiteTable));
const DRIZZLE_WRITE = new RegExp(`\\.(insert|update|delete)\\(\\s*(${TABLE_EXPORTS.join('|')}|def\\.table)\\b`);
const SQL_WRITE = new RegExp(`\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"?(${SQL_TABLES.join('|')})\\b`, 'i');

describe('the one write path', () => {
  it('finds the writes it is looking for', () => {
    expect(DRIZZLE_WRITE.test('await tx.update(conversations).set({ status })')).toBe(true);
    expect(SQL_WRITE.test('UPDATE audit_events SET before = NULL')).toBe(true);
    expect(DRIZZLE_WRITE.test("createHash('sha256').update(value)")).toBe(false);
  });

  it('is the only backend code that inserts, updates or deletes rows', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'backend'))) {
      const rel = relative(ROOT, file);
      if (ALLOWED[rel]) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const writes = DRIZZLE_WRITE.test(line) || SQL_WRITE.test(line);
          if (writes && !SETUP_TABLES.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
