import { batch, createModel, signal } from '@preact/signals';
import type { AdminUser } from '../../../shared/api-client';
import type { Role } from '../../../shared/enums';
import type { Result } from '../messaging/protocol';
import { type AdminDeps, unanswered } from './admin-deps';

export type UsersDeps = Pick<AdminDeps, 'listUsers' | 'updateUser' | 'unlockUser'>;

/**
 * The workspace's people with role, lock status and failure counts, and the
 * admin's actions on them: Unlock, disable or re-enable, change role. Each
 * action replaces the row with the backend's answer, so what is shown is
 * what the backend now holds; a refusal keeps the row and says why.
 */
export const UsersModel = createModel((deps: UsersDeps) => {
  const users = signal<AdminUser[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  /** The user an action is under way for (its buttons wait). */
  const pending = signal<string | null>(null);
  const error = signal<string | null>(null);
  /** The user whose disabling waits for the admin to confirm it (it also ends their sessions). */
  const confirmingDisable = signal<string | null>(null);
  /** The signed-in admin, whose own role and account the page does not offer to change. */
  const selfId = signal<string | null>(null);

  async function page(cursor: string | null, append: boolean) {
    loading.value = true;
    const result = await deps.listUsers(cursor).catch(() => unanswered<never>());
    batch(() => {
      loading.value = false;
      if (!result.ok) {
        error.value = result.error.message;
        return;
      }
      users.value = append ? [...users.value, ...result.value.items] : result.value.items;
      nextCursor.value = result.value.nextCursor;
      error.value = null;
    });
  }

  async function act(id: string, work: () => Promise<Result<AdminUser>>) {
    if (pending.value) return;
    pending.value = id;
    const result = await work().catch(() => unanswered<AdminUser>());
    batch(() => {
      pending.value = null;
      if (!result.ok) {
        error.value = result.error.message;
        return;
      }
      users.value = users.value.map((user) => (user.id === id ? result.value : user));
      error.value = null;
    });
  }

  return {
    users,
    nextCursor,
    loading,
    pending,
    error,
    selfId,
    confirmingDisable,

    /** The first page, for the admin signed in as `self`. */
    async load(self: string) {
      selfId.value = self;
      await page(null, false);
    },

    async more() {
      if (nextCursor.value && !loading.value) await page(nextCursor.value, true);
    },

    unlock: (id: string) => act(id, () => deps.unlockUser(id)),
    setRole: (id: string, role: Role) => act(id, () => deps.updateUser(id, { role })),
    /** Re-enables at once; disabling signs the user out everywhere, so it waits for confirmDisable. */
    async setDisabled(id: string, disabled: boolean) {
      if (disabled) {
        confirmingDisable.value = id;
        return;
      }
      await act(id, () => deps.updateUser(id, { disabled: false }));
    },

    async confirmDisable() {
      const id = confirmingDisable.value;
      if (!id) return;
      confirmingDisable.value = null;
      await act(id, () => deps.updateUser(id, { disabled: true }));
    },

    cancelDisable() {
      confirmingDisable.value = null;
    },
  };
});
