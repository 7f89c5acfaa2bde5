import { describe, expect, it } from 'vitest';
import { gate, isEmpty, judge, type LockoutPolicy, lockStatus, NO_FAILURES, type ThrottleState } from './lockout';

const MINUTE = 60_000;
const policy: LockoutPolicy = { lockoutThreshold: 3, lockoutWindowMs: 15 * MINUTE, lockoutBaseMs: 10 * MINUTE, maxHourlyFailures: 100 };

/** Runs wrong-password attempts at the given times, from `state`. */
function failAt(times: number[], state: ThrottleState = NO_FAILURES, p: LockoutPolicy = policy): ThrottleState {
  return times.reduce((s, t) => judge(s, p, t, false).next, state);
}

describe('per-account lockout policy', () => {
  it('locks for the base time when the threshold of failures is reached within the window', () => {
    const twoDown = failAt([0, MINUTE]);
    const third = judge(twoDown, policy, 2 * MINUTE, false);
    expect(third).toMatchObject({ outcome: 'failed', lockedOut: { until: 12 * MINUTE, lockouts: 1 } });
    expect(gate(third.next, policy, 12 * MINUTE - 1)).toMatchObject({ open: false, cause: 'lockout', until: 12 * MINUTE });
  });

  it('starts counting again when the earlier failures are older than the window', () => {
    const state = failAt([0, MINUTE, 20 * MINUTE]);
    expect(state).toMatchObject({ failures: 1, firstFailureAt: 20 * MINUTE, lockedUntil: null });
  });

  it('refuses the right password while locked, without counting it as a failure', () => {
    const locked = failAt([0, 1, 2]);
    const attempt = judge(locked, policy, 5 * MINUTE, true);
    expect(attempt).toMatchObject({ outcome: 'refused', cause: 'lockout' });
    expect(attempt.next).toBe(locked);
  });

  it('lifts an expired lock at the next attempt and doubles the next lock-out', () => {
    const locked = failAt([0, 1, 2]);
    const afterExpiry = judge(locked, policy, 11 * MINUTE, false);
    expect(afterExpiry).toMatchObject({ outcome: 'failed', expired: true, lockedOut: null });
    expect(afterExpiry.next).toMatchObject({ failures: 1, lockedUntil: null, lockouts: 1 });
    const relocked = judge(failAt([11 * MINUTE + 1], afterExpiry.next), policy, 11 * MINUTE + 2, false);
    expect(relocked).toMatchObject({ lockedOut: { until: 11 * MINUTE + 2 + 20 * MINUTE, lockouts: 2 } });
  });

  it('forgets failures and lock-outs on a success, but not the hour count', () => {
    const locked = failAt([0, 1, 2]);
    const success = judge(locked, policy, 11 * MINUTE, true);
    expect(success).toMatchObject({ outcome: 'signed_in', expired: true });
    expect(success.next).toEqual({ ...NO_FAILURES, hourStartedAt: 0, hourFailures: 3 });
    expect(isEmpty(success.next, 11 * MINUTE)).toBe(false);
    expect(isEmpty(success.next, 61 * MINUTE)).toBe(true);
  });

  it('refuses every attempt once the hourly cap is reached, until the hour is over', () => {
    const lenient = { ...policy, lockoutThreshold: 1_000, maxHourlyFailures: 4 };
    const capped = failAt([0, 1, 2, 3], NO_FAILURES, lenient);
    expect(judge(capped, lenient, 30 * MINUTE, true)).toMatchObject({ outcome: 'refused', cause: 'hourly_limit', until: 60 * MINUTE });
    expect(judge(capped, lenient, 60 * MINUTE, true)).toMatchObject({ outcome: 'signed_in' });
    expect(failAt([60 * MINUTE], capped, lenient)).toMatchObject({ hourStartedAt: 60 * MINUTE, hourFailures: 1 });
  });

  it('shows admins the lock as the next attempt would find it', () => {
    const locked = failAt([0, 1, 2]);
    expect(lockStatus(locked, policy, MINUTE)).toEqual({ lockedUntil: 10 * MINUTE + 2, failures: 3, lockouts: 1, failuresThisHour: 3 });
    expect(lockStatus(locked, policy, 11 * MINUTE)).toEqual({ lockedUntil: null, failures: 0, lockouts: 1, failuresThisHour: 3 });
    expect(lockStatus(NO_FAILURES, policy, 0)).toEqual({ lockedUntil: null, failures: 0, lockouts: 0, failuresThisHour: 0 });
  });
});
