import { API_KEY_SCOPES, type ApiKeyScope } from '../../../shared/permissions';

/** What each scope lets a key do, in the admin's words. */
const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  'entities:read': 'read customers, conversations, shortcuts and saved searches',
  'entities:write': 'create and change customers, conversations and messages',
  'audit:read': 'read the history of customers and conversations',
  'routing:write': 'change any agent’s routing status and capacity',
  'events:ingest': 'record events that happened in another system',
};

/** The scopes a key holds, as a short list. */
export function ScopeList({ scopes }: { scopes: readonly ApiKeyScope[] }) {
  return (
    <ul class="settings__scopes" data-testid="key-scopes">
      {scopes.map((scope) => (
        <li key={scope} title={SCOPE_HINTS[scope]}>
          <code>{scope}</code>
        </li>
      ))}
    </ul>
  );
}

/** One checkbox per scope; `idPrefix` keeps the labels of several pickers apart. */
export function ScopePicker({
  legend,
  idPrefix,
  ticked,
  onToggle,
}: {
  legend: string;
  idPrefix: string;
  ticked: readonly ApiKeyScope[];
  onToggle: (scope: ApiKeyScope) => void;
}) {
  return (
    <fieldset class="settings__scope-picker" data-testid={`${idPrefix}-scopes`}>
      <legend>{legend}</legend>
      {API_KEY_SCOPES.map((scope) => (
        <label key={scope} for={`${idPrefix}-${scope}`}>
          <input
            id={`${idPrefix}-${scope}`}
            type="checkbox"
            data-testid={`${idPrefix}-scope`}
            value={scope}
            checked={ticked.includes(scope)}
            onChange={() => onToggle(scope)}
          />{' '}
          <code>{scope}</code>: {SCOPE_HINTS[scope]}
        </label>
      ))}
    </fieldset>
  );
}
