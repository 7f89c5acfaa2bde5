import type { AdminUser } from '../../../shared/api-client';
import { utcMinute } from './utc-time';

/** The lock column: whether the next sign-in would be refused, and the failures the backend remembers. */
export interface LockSummary {
  locked: boolean;
  /** "Locked until 2026-12-03 14:05 UTC" or "Not locked". */
  status: string;
  /** "5 failed sign-ins in a row · 5 this hour · 1 lock-out", or "No failed sign-ins". */
  failures: string;
  /** Whether Unlock has anything to clear (a lock, failures or lock-outs remembered). */
  unlockable: boolean;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function lockSummary(user: AdminUser, now: number): LockSummary {
  const { lockedUntil, failures, lockouts, failuresThisHour } = user.lock;
  const locked = lockedUntil !== null && Date.parse(lockedUntil) > now;
  const parts = [
    failures > 0 ? `${count(failures, 'failed sign-in', 'failed sign-ins')} in a row` : null,
    failuresThisHour > 0 ? `${failuresThisHour} this hour` : null,
    lockouts > 0 ? count(lockouts, 'lock-out', 'lock-outs') : null,
  ].filter((part): part is string => part !== null);
  return {
    locked,
    status: locked ? `Locked until ${utcMinute(lockedUntil)}` : 'Not locked',
    failures: parts.length ? parts.join(' · ') : 'No failed sign-ins',
    unlockable: locked || parts.length > 0,
  };
}

/**
 * Why the signed-in admin cannot change this row, or null: the backend
 * refuses an admin's own role change and self-disable (it could shut every
 * admin out), so the page does not offer them.
 */
export function selfRestriction(user: AdminUser, selfId: string | null): string | null {
  return user.id === selfId ? 'This is you: another admin can change your role or disable you.' : null;
}
