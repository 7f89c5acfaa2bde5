import type { AuthLucia } from './auth/lucia';
import type { AuthPolicy } from './auth/policy';
import type { Database } from './db/client';
import type { WriteQueue } from './db/write-queue';
import type { Logger } from './logger';

/** What the app is built from; tests pass their own clock, database and logger. */
export interface AppDeps {
  db: Database;
  writes: WriteQueue;
  lucia: AuthLucia;
  policy: AuthPolicy;
  now(): Date;
  newId(): string;
  log: Logger;
  /** HMAC key of the audit log's page cursors (backend/audit/query/cursor.ts). */
  cursorKey: Buffer;
}
