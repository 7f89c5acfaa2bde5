import type { AuthPolicy } from './policy';

/*
 * The per-account sign-in policy as pure functions of the throttle row, the
 * policy and the time, so every rule can be tested without a database.
 * login.ts reads the row, asks `judge`, and writes what it answers (with the
 * audit rows) in one transaction.
 */

/** One account's throttle row (login_throttles); times are epoch ms. */
export interface ThrottleState {
  /** Consecutive failures since the last success, and when the first of them happened. */
  failures: number;
  firstFailureAt: number | null;
  lockedUntil: number | null;
  /** Lock-outs in a row: the next one lasts lockoutBaseMs × 2^lockouts. */
  lockouts: number;
  /** The hard cap: failures in the hour that started at hourStartedAt. */
  hourStartedAt: number | null;
  hourFailures: number;
}

export type LockoutPolicy = Pick<AuthPolicy, 'lockoutThreshold' | 'lockoutWindowMs' | 'lockoutBaseMs' | 'maxHourlyFailures'>;

export const NO_FAILURES: ThrottleState = {
  failures: 0,
  firstFailureAt: null,
  lockedUntil: null,
  lockouts: 0,
  hourStartedAt: null,
  hourFailures: 0,
};

const HOUR_MS = 3_600_000;
// 2^30 lock-outs in a row would already be ~30,000 years at 15 minutes; the
// cap only keeps the date representable.
const MAX_DOUBLINGS = 30;

/** Whether an attempt may be judged at all. */
export type Gate =
  /** `expired`: a lock had run out by now, and `state` is the row with it lifted. */
  | { open: true; expired: boolean; state: ThrottleState }
  /** Locked, or the hourly cap is reached: the password is not judged. */
  | { open: false; until: number; cause: 'lockout' | 'hourly_limit' };

export function gate(state: ThrottleState, policy: LockoutPolicy, now: number): Gate {
  if (state.lockedUntil !== null && state.lockedUntil > now) {
    return { open: false, until: state.lockedUntil, cause: 'lockout' };
  }
  const hourEnds = hourEndOf(state, now);
  if (hourEnds !== null && state.hourFailures >= policy.maxHourlyFailures) {
    return { open: false, until: hourEnds, cause: 'hourly_limit' };
  }
  if (state.lockedUntil === null) return { open: true, expired: false, state };
  // The failures that caused the lock are spent; `lockouts` stays, so the next lock is longer.
  return { open: true, expired: true, state: { ...state, lockedUntil: null, failures: 0, firstFailureAt: null } };
}

export type Judgement =
  | { outcome: 'refused'; until: number; cause: 'lockout' | 'hourly_limit'; next: ThrottleState }
  | { outcome: 'failed'; expired: boolean; next: ThrottleState; lockedOut: { until: number; lockouts: number } | null }
  | { outcome: 'signed_in'; expired: boolean; next: ThrottleState };

/**
 * The fate of one sign-in attempt. `passwordOk` only counts when the gate is
 * open: a locked account refuses even the right password.
 */
export function judge(state: ThrottleState, policy: LockoutPolicy, now: number, passwordOk: boolean): Judgement {
  const g = gate(state, policy, now);
  if (!g.open) return { outcome: 'refused', until: g.until, cause: g.cause, next: state };
  const current = g.state;
  if (passwordOk) {
    // A success forgives the failures and the lock-outs, but not the hour's
    // count: an attacker guessing beside the real user still meets the cap.
    return { outcome: 'signed_in', expired: g.expired, next: { ...NO_FAILURES, ...hourOf(current, now) } };
  }
  const hour = hourOf(current, now);
  const inWindow = current.firstFailureAt !== null && now - current.firstFailureAt < policy.lockoutWindowMs;
  const failures = inWindow ? current.failures + 1 : 1;
  const next: ThrottleState = {
    ...current,
    failures,
    firstFailureAt: inWindow ? current.firstFailureAt : now,
    hourStartedAt: hour.hourStartedAt ?? now,
    hourFailures: hour.hourFailures + 1,
  };
  if (failures < policy.lockoutThreshold) return { outcome: 'failed', expired: g.expired, next, lockedOut: null };
  const until = now + policy.lockoutBaseMs * 2 ** Math.min(current.lockouts, MAX_DOUBLINGS);
  const lockouts = current.lockouts + 1;
  return { outcome: 'failed', expired: g.expired, next: { ...next, lockedUntil: until, lockouts }, lockedOut: { until, lockouts } };
}

/** What admins see: the account's state as the next attempt would find it. */
export function lockStatus(state: ThrottleState, policy: LockoutPolicy, now: number) {
  const g = gate(state, policy, now);
  const current = g.open ? g.state : state;
  return {
    lockedUntil: g.open ? null : g.until,
    failures: current.failures,
    lockouts: current.lockouts,
    failuresThisHour: hourOf(current, now).hourFailures,
  };
}

/** Whether the row holds nothing worth keeping (so it can be deleted). */
export function isEmpty(state: ThrottleState, now: number): boolean {
  return state.failures === 0 && state.lockedUntil === null && state.lockouts === 0 && hourOf(state, now).hourFailures === 0;
}

/** The hour counter as of `now`; a new hour starts at the first failure after the last one ended. */
function hourOf(state: ThrottleState, now: number): Pick<ThrottleState, 'hourStartedAt' | 'hourFailures'> {
  if (hourEndOf(state, now) === null) return { hourStartedAt: null, hourFailures: 0 };
  return { hourStartedAt: state.hourStartedAt, hourFailures: state.hourFailures };
}

function hourEndOf(state: ThrottleState, now: number): number | null {
  if (state.hourStartedAt === null || now >= state.hourStartedAt + HOUR_MS) return null;
  return state.hourStartedAt + HOUR_MS;
}
