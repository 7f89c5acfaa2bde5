import { eq, inArray } from 'drizzle-orm';
import type { Reader, Tx } from '../db/sql';
import { loginThrottles } from '../db/schema';
import { isEmpty, NO_FAILURES, type ThrottleState } from './lockout';

/*
 * The login_throttles table: one row per account with failures, lock and
 * hourly count. It is sign-in bookkeeping, not a workspace object, so it is
 * written here directly (the architecture test allows this file); what it
 * leads to (failed attempts, lock-outs, unlocks) is audited by the callers in
 * the same transaction.
 */

function stateOf(row: typeof loginThrottles.$inferSelect): ThrottleState {
  const { userId: _userId, ...state } = row;
  return state;
}

/** An account's throttle state; no row means no failures. */
export async function readThrottle(db: Reader | Tx, userId: string): Promise<ThrottleState> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.userId, userId)).limit(1);
  return row ? stateOf(row) : NO_FAILURES;
}

/** The throttle states of several accounts (admins' user list). */
export async function readThrottles(db: Reader | Tx, userIds: string[]): Promise<Map<string, ThrottleState>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(loginThrottles).where(inArray(loginThrottles.userId, userIds));
  return new Map(rows.map((row) => [row.userId, stateOf(row)]));
}

/** Stores `state`, or removes the row when there is nothing left to remember. */
export async function saveThrottle(tx: Tx, userId: string, state: ThrottleState, now: number): Promise<void> {
  if (isEmpty(state, now)) {
    await clearThrottle(tx, userId);
    return;
  }
  await tx
    .insert(loginThrottles)
    .values({ userId, ...state })
    .onConflictDoUpdate({ target: loginThrottles.userId, set: state });
}

/** Forgets an account's failures, lock and lock-outs (a success with nothing left, or an admin's unlock). */
export async function clearThrottle(tx: Tx, userId: string): Promise<void> {
  await tx.delete(loginThrottles).where(eq(loginThrottles.userId, userId));
}
