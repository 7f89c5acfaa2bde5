import type { ApiKey } from '../../../shared/api-client';
import { API_KEY_KINDS, type ApiKeyKind } from '../../../shared/enums';
import type { ApiKeysModel } from '../../lib/admin/api-keys-model';
import { utcMinute } from '../../lib/admin/utc-time';
import { actorLabel } from '../../lib/panel/format';
import { ScopeList, ScopePicker } from './ApiKeyScopes';
import { SecretReveal } from './SecretReveal';

type Keys = InstanceType<typeof ApiKeysModel>;

/** Keys for automations: create with a kind and scopes (the secret shown once), change scopes, rotate, revoke. */
export function ApiKeysSettings({ model }: { model: Keys }) {
  const error = model.error.value;
  return (
    <section class="settings__block" aria-labelledby="keys-title" data-testid="settings-api-keys">
      <h3 id="keys-title">API keys</h3>
      <p class="options__hint">
        An automation signs its changes with its key: its name and kind are shown as “Performed By” in the log. A key can do only what its
        scopes allow, and never manage settings, billing or access.
      </p>
      <form
        class="settings__grid"
        onSubmit={(event) => {
          event.preventDefault();
          void model.create();
        }}
      >
        <label for="key-name">Name</label>
        <input
          id="key-name"
          data-testid="key-name"
          placeholder="Shopify sync"
          maxLength={100}
          value={model.name.value}
          onInput={(event) => (model.name.value = event.currentTarget.value)}
        />
        <label for="key-kind">Kind</label>
        <select id="key-kind" data-testid="key-kind" value={model.kind.value} onChange={(event) => (model.kind.value = event.currentTarget.value as ApiKeyKind)}>
          {API_KEY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {actorLabel(kind)}
            </option>
          ))}
        </select>
        <ScopePicker legend="Scopes" idPrefix="key-new" ticked={model.scopes.value} onToggle={(scope) => model.toggleScope(scope)} />
        <div class="settings__actions">
          <button type="submit" data-testid="key-create" disabled={model.busy.value}>
            Create key
          </button>
        </div>
      </form>
      {error ? (
        <p class="settings__error" role="alert" data-testid="keys-error">
          {error}
        </p>
      ) : null}
      <SecretReveal
        shown={model.revealed.value}
        copied={model.copied.value}
        onCopy={() => void model.copySecret()}
        onDone={() => model.dismissSecret()}
        use="copy it into the automation that uses it"
        testIdPrefix="key"
      />
      <table class="settings__table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Starts with</th>
            <th scope="col">Scopes</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="settings__visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.keys.value.map((key) => (
            <KeyRow key={key.id} apiKey={key} model={model} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function KeyRow({ apiKey, model }: { apiKey: ApiKey; model: Keys }) {
  const confirming = model.confirming.value?.keyId === apiKey.id ? model.confirming.value.action : null;
  const revoked = apiKey.revokedAt !== null;
  const edit = model.editing.value?.keyId === apiKey.id ? model.editing.value : null;
  return (
    <tr data-testid="key-row" data-key-id={apiKey.id} data-revoked={revoked ? 'true' : 'false'}>
      <th scope="row">{apiKey.name}</th>
      <td>{actorLabel(apiKey.kind)}</td>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>
        {edit ? (
          <div role="group" aria-label={`Scopes of ${apiKey.name}`}>
            <ScopePicker legend={`Scopes of ${apiKey.name}`} idPrefix={`key-edit-${apiKey.id}`} ticked={edit.scopes} onToggle={(scope) => model.toggleEditedScope(scope)} />
            <button type="button" data-testid="key-scopes-save" disabled={model.busy.value} onClick={() => void model.saveScopes()}>
              Save scopes
            </button>
            <button type="button" data-testid="key-scopes-cancel" onClick={() => model.cancelScopes()}>
              Cancel
            </button>
          </div>
        ) : (
          <ScopeList scopes={apiKey.scopes} />
        )}
      </td>
      <td data-testid="key-state">{revoked ? `Revoked ${utcMinute(apiKey.revokedAt!)}` : `Active since ${utcMinute(apiKey.createdAt)}`}</td>
      <td class="settings__row-actions">
        {revoked ? null : confirming ? (
          <span role="group" aria-label={`Confirm ${confirming} of ${apiKey.name}`}>
            <span>{confirming === 'rotate' ? 'The current secret stops working now.' : 'Whatever uses this key stops working now.'}</span>
            <button type="button" data-testid="key-confirm" disabled={model.busy.value} onClick={() => void model.confirm()}>
              {confirming === 'rotate' ? 'Rotate now' : 'Revoke now'}
            </button>
            <button type="button" data-testid="key-cancel" onClick={() => model.cancel()}>
              Cancel
            </button>
          </span>
        ) : (
          <>
            {edit ? null : (
              <button type="button" data-testid="key-edit-scopes" aria-label={`Change the scopes of ${apiKey.name}`} onClick={() => model.editScopes(apiKey.id)}>
                Scopes
              </button>
            )}
            <button type="button" data-testid="key-rotate" aria-label={`Rotate ${apiKey.name}`} onClick={() => model.ask(apiKey.id, 'rotate')}>
              Rotate
            </button>
            <button type="button" data-testid="key-revoke" aria-label={`Revoke ${apiKey.name}`} onClick={() => model.ask(apiKey.id, 'revoke')}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
