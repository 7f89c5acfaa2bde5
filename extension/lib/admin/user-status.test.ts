import { describe, expect, it } from 'vitest';
import { adminUser, NOW } from './testing';
import { lockSummary, selfRestriction } from './user-status';

describe("a user's lock status", () => {
  it('says a locked user is locked until when, with the failures behind it, and offers Unlock', () => {
    const user = adminUser({ lock: { lockedUntil: '2026-12-03T12:15:00.000Z', failures: 5, lockouts: 1, failuresThisHour: 5 } });
    expect(lockSummary(user, NOW)).toEqual({
      locked: true,
      status: 'Locked until 2026-12-03 12:15 UTC',
      failures: '5 failed sign-ins in a row · 5 this hour · 1 lock-out',
      unlockable: true,
    });
  });

  it('no longer calls a user locked once the lock has run out while the page was open', () => {
    const user = adminUser({ lock: { lockedUntil: '2026-12-03T11:59:00.000Z', failures: 5, lockouts: 1, failuresThisHour: 5 } });
    expect(lockSummary(user, NOW)).toMatchObject({ locked: false, status: 'Not locked', unlockable: true });
  });

  it('offers nothing to clear for a user with no failures remembered', () => {
    expect(lockSummary(adminUser(), NOW)).toEqual({ locked: false, status: 'Not locked', failures: 'No failed sign-ins', unlockable: false });
  });

  it('counts a single failure in the singular', () => {
    const user = adminUser({ lock: { lockedUntil: null, failures: 1, lockouts: 0, failuresThisHour: 1 } });
    expect(lockSummary(user, NOW).failures).toBe('1 failed sign-in in a row · 1 this hour');
  });
});

describe("the signed-in admin's own row", () => {
  it('is not offered for a role change or disabling, with the reason', () => {
    const me = adminUser({ id: '01JD00000000000000000000A1', role: 'admin' });
    expect(selfRestriction(me, me.id)).toMatch(/another admin/);
    expect(selfRestriction(adminUser(), me.id)).toBeNull();
  });
});
