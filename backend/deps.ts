import type { SigningKey } from './audit/checkpoints/key';
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
  /** The Ed25519 key checkpoints are signed with (backend/audit/checkpoints/key.ts). */
  signing: SigningKey;
  /** How often, in minutes, each workspace's chain head is signed and its chain verified in the background. */
  schedule: IntegritySchedule;
}

export interface IntegritySchedule {
  checkpointMinutes: number;
  verifyMinutes: number;
}

export const DEFAULT_INTEGRITY_SCHEDULE: IntegritySchedule = { checkpointMinutes: 60, verifyMinutes: 60 };
