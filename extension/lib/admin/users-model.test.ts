import { describe, expect, it, vi } from 'vitest';
import type { AdminUser } from '../../../shared/api-client';
import type { Result } from '../messaging/protocol';
import { adminUser, fakeAdminDeps } from './testing';
import { UsersModel } from './users-model';

const LOCKED = adminUser({ lock: { lockedUntil: '2026-12-03T12:15:00.000Z', failures: 5, lockouts: 1, failuresThisHour: 5 } });
const OTHER = adminUser({ id: '01JD00000000000000000000S2', email: 'lee@demo.test', name: 'Lee Lead', role: 'lead' });
const page = (items: AdminUser[], nextCursor: string | null = null): Result<{ items: AdminUser[]; nextCursor: string | null }> => ({
  ok: true,
  value: { items, nextCursor },
});

describe('the users list', () => {
  it("replaces a user's row with the backend's answer after Unlock", async () => {
    const unlocked = { ...LOCKED, lock: { lockedUntil: null, failures: 0, lockouts: 0, failuresThisHour: 0 } };
    const unlockUser = vi.fn(async () => ({ ok: true as const, value: unlocked }));
    const model = new UsersModel(fakeAdminDeps({ listUsers: async () => page([LOCKED, OTHER]), unlockUser }));
    await model.load('self');

    await model.unlock(LOCKED.id);

    expect(unlockUser).toHaveBeenCalledWith(LOCKED.id);
    expect(model.users.value).toEqual([unlocked, OTHER]);
    expect(model.pending.value).toBeNull();
  });

  it("sends a role change at once and a disable once confirmed, as the PATCH the backend takes", async () => {
    const updateUser = vi.fn(async (id: string, patch: { role?: AdminUser['role']; disabled?: boolean }) => ({
      ok: true as const,
      value: { ...OTHER, ...(patch.role ? { role: patch.role } : {}), ...(patch.disabled ? { disabledAt: '2026-12-03T12:00:00.000Z' } : {}) },
    }));
    const model = new UsersModel(fakeAdminDeps({ listUsers: async () => page([OTHER]), updateUser }));
    await model.load('self');

    await model.setRole(OTHER.id, 'admin');
    await model.setDisabled(OTHER.id, true);
    expect(updateUser).toHaveBeenCalledOnce(); // disabling waits for the confirmation
    expect(model.confirmingDisable.value).toBe(OTHER.id);
    await model.confirmDisable();

    expect(updateUser.mock.calls).toEqual([
      [OTHER.id, { role: 'admin' }],
      [OTHER.id, { disabled: true }],
    ]);
    expect(model.users.value[0]?.disabledAt).not.toBeNull();
  });

  it("keeps the row as it was and shows the backend's refusal", async () => {
    const model = new UsersModel(
      fakeAdminDeps({
        listUsers: async () => page([OTHER]),
        updateUser: async () => ({ ok: false, error: { code: 'conflict', message: 'You cannot remove your own admin role.' } }),
      }),
    );
    await model.load('self');
    await model.setRole(OTHER.id, 'agent');
    expect(model.users.value).toEqual([OTHER]);
    expect(model.error.value).toBe('You cannot remove your own admin role.');
  });

  it('does one action at a time: a second click while the first is under way does nothing', async () => {
    let answer!: (result: Result<AdminUser>) => void;
    const unlockUser = vi.fn(() => new Promise<Result<AdminUser>>((resolve) => (answer = resolve)));
    const model = new UsersModel(fakeAdminDeps({ listUsers: async () => page([LOCKED]), unlockUser }));
    await model.load('self');

    const first = model.unlock(LOCKED.id);
    expect(model.pending.value).toBe(LOCKED.id);
    await model.unlock(LOCKED.id);
    answer({ ok: true, value: LOCKED });
    await first;
    expect(unlockUser).toHaveBeenCalledOnce();
  });

  it('appends the next page when asked for more users', async () => {
    const listUsers = vi.fn(async (cursor: string | null) => (cursor ? page([OTHER]) : page([LOCKED], 'c1')));
    const model = new UsersModel(fakeAdminDeps({ listUsers }));
    await model.load('self');
    expect(model.nextCursor.value).toBe('c1');
    await model.more();
    expect(listUsers.mock.calls).toEqual([[null], ['c1']]);
    expect(model.users.value.map((u) => u.id)).toEqual([LOCKED.id, OTHER.id]);
    expect(model.nextCursor.value).toBeNull();
  });

  it('does not disable anyone when the admin cancels', async () => {
    const updateUser = vi.fn();
    const model = new UsersModel(fakeAdminDeps({ listUsers: async () => page([OTHER]), updateUser }));
    await model.load('self');
    await model.setDisabled(OTHER.id, true);
    model.cancelDisable();
    await model.confirmDisable();
    expect(updateUser).not.toHaveBeenCalled();
  });
});
