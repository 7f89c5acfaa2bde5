import { createHash, randomBytes } from 'node:crypto';
import { sealLegacyEvents } from './audit/chain/seal-legacy';
import { generateSigningKey, type SigningKey } from './audit/checkpoints/key';
import { newUlid, ulidsAt } from './audit/context';
import { logTamperRefused } from './audit/tamper';
import { createLucia } from './auth/lucia';
import { type AuthPolicy, DEFAULT_AUTH_POLICY } from './auth/policy';
import { SessionAdapter } from './auth/session-adapter';
import { openDatabase } from './db/client';
import { WriteQueue } from './db/write-queue';
import { type AppDeps, DEFAULT_INTEGRITY_SCHEDULE, type IntegritySchedule } from './deps';
import type { Logger } from './logger';

export interface BootstrapOptions {
  databaseUrl: string;
  databaseAuthToken?: string | undefined;
  synchronous?: 'FULL' | 'NORMAL';
  log: Logger;
  policy?: Partial<AuthPolicy>;
  now?: () => Date;
  /** AUDITDESK_SECRET: signs page cursors; without it a random key is made, so cursors end with the process. */
  secret?: string | undefined;
  /** The checkpoints' signing key (loadSigningKey); without it a key of this process only is made (tests, benchmarks). */
  signing?: SigningKey;
  schedule?: IntegritySchedule;
}

/** Opens (and migrates) the database and wires the services the app is built from. */
export async function bootstrap(options: BootstrapOptions): Promise<AppDeps> {
  const db = await openDatabase({
    url: options.databaseUrl,
    authToken: options.databaseAuthToken,
    synchronous: options.synchronous ?? 'FULL',
  });
  const writes = new WriteQueue(db.writerClient, { hasWal: db.kind === 'file' });
  writes.onJobFailed(logTamperRefused(options.log));
  // Events from before the hash chain get their place in it before anything else is written.
  const sealed = await sealLegacyEvents({ db, writes });
  if (sealed > 0) options.log.info('sealed audit events written before the hash chain', { count: sealed });
  const now = options.now ?? (() => new Date());
  const policy = { ...DEFAULT_AUTH_POLICY, ...options.policy };
  const lucia = createLucia(new SessionAdapter(db.reader, writes, now, policy), policy);
  const cursorKey = options.secret ? createHash('sha256').update(`auditdesk cursor:${options.secret}`).digest() : randomBytes(32);
  const signing = options.signing ?? generateSigningKey();
  const schedule = options.schedule ?? DEFAULT_INTEGRITY_SCHEDULE;
  return { db, writes, lucia, policy, now, newId: options.now ? ulidsAt(now) : newUlid, log: options.log, cursorKey, signing, schedule };
}
