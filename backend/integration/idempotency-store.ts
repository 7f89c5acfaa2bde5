import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema';
import type { Tx } from '../db/sql';

/** One `Idempotency-Key` as one API key of one workspace sent it. */
export interface IdempotencyScope {
  orgId: string;
  apiKeyId: string;
  key: string;
}

/** The first answer to a key, and which request it answered. */
export interface StoredAnswer {
  requestHash: string;
  status: number;
  /** The response body as sent (JSON text). */
  body: string;
}

/** The answer kept for `scope`, read in the write transaction so that concurrent requests see each other's. */
export async function findAnswer(tx: Tx, scope: IdempotencyScope): Promise<StoredAnswer | undefined> {
  const [row] = await tx
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.status, body: idempotencyKeys.body })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.orgId, scope.orgId), eq(idempotencyKeys.apiKeyId, scope.apiKeyId), eq(idempotencyKeys.key, scope.key)));
  return row;
}

/** Keeps the first answer to `scope`, in the transaction of the write it answers for. */
export async function saveAnswer(tx: Tx, scope: IdempotencyScope, answer: StoredAnswer, now: Date): Promise<void> {
  await tx.insert(idempotencyKeys).values({ ...scope, ...answer, createdAt: now.getTime() });
}

/** Deletes up to `limit` answers kept since before `cutoff`; answers how many. */
export async function deleteAnswersBefore(tx: Tx, cutoff: Date, limit: number): Promise<number> {
  const result = await tx.run(sql`
    delete from idempotency_keys where rowid in (
      select rowid from idempotency_keys where created_at < ${cutoff.getTime()} limit ${limit})`);
  return result.rowsAffected;
}
