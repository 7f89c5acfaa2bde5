import type { AdminUser } from '../../../shared/api-client';
import { ROLES, type Role } from '../../../shared/enums';
import { lockSummary, selfRestriction } from '../../lib/admin/user-status';
import type { UsersModel } from '../../lib/admin/users-model';

type Users = InstanceType<typeof UsersModel>;

/** The workspace's people: role, lock status and failed sign-ins, with Unlock, disable/enable and role change. */
export function UsersSettings({ model, now }: { model: Users; now: number }) {
  const error = model.error.value;
  return (
    <section class="settings__block" aria-labelledby="users-title" data-testid="settings-users">
      <h3 id="users-title">Users</h3>
      {error ? (
        <p class="settings__error" role="alert" data-testid="users-error">
          {error}
        </p>
      ) : null}
      <table class="settings__table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Sign-in</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {model.users.value.map((user) => (
            <UserRow key={user.id} user={user} model={model} now={now} />
          ))}
        </tbody>
      </table>
      {model.nextCursor.value ? (
        <button type="button" data-testid="users-more" disabled={model.loading.value} onClick={() => void model.more()}>
          Show more users
        </button>
      ) : null}
    </section>
  );
}

function UserRow({ user, model, now }: { user: AdminUser; model: Users; now: number }) {
  const lock = lockSummary(user, now);
  const restricted = selfRestriction(user, model.selfId.value);
  const busy = model.pending.value !== null;
  const disabled = user.disabledAt !== null;
  return (
    <tr data-testid="user-row" data-email={user.email} data-role={user.role} data-locked={lock.locked ? 'true' : 'false'}>
      <th scope="row">
        <span class="settings__name">{user.name}</span>
        <span class="options__hint">{user.email}</span>
        {restricted ? <span class="options__hint">{restricted}</span> : null}
      </th>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          data-testid="user-role"
          value={user.role}
          disabled={busy || restricted !== null}
          onChange={(event) => void model.setRole(user.id, event.currentTarget.value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span data-testid="user-lock" class={lock.locked ? 'settings__locked' : undefined}>
          {lock.status}
        </span>
        <span class="options__hint" data-testid="user-failures">
          {lock.failures}
        </span>
        {lock.unlockable ? (
          <button type="button" data-testid="user-unlock" disabled={busy} aria-label={`Unlock ${user.name}`} onClick={() => void model.unlock(user.id)}>
            {lock.locked ? 'Unlock' : 'Clear failures'}
          </button>
        ) : null}
      </td>
      <td>
        <span data-testid="user-state">{disabled ? 'Disabled' : 'Active'}</span>
        {restricted ? null : model.confirmingDisable.value === user.id ? (
          <span role="group" aria-label={`Confirm disabling ${user.name}`}>
            <span>They are signed out everywhere and cannot sign in until enabled.</span>
            <button type="button" data-testid="user-confirm-disable" disabled={busy} onClick={() => void model.confirmDisable()}>
              Disable now
            </button>
            <button type="button" data-testid="user-cancel-disable" onClick={() => model.cancelDisable()}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            data-testid="user-toggle-disabled"
            disabled={busy}
            aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.name}`}
            onClick={() => void model.setDisabled(user.id, !disabled)}
          >
            {disabled ? 'Enable' : 'Disable'}
          </button>
        )}
      </td>
    </tr>
  );
}
