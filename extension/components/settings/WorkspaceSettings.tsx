import type { WorkspaceSettingsModel } from '../../lib/settings/workspace-settings-model';

/** The pages the audit panel appears on, and a form to add one. */
export function WorkspaceSettings({ model }: { model: InstanceType<typeof WorkspaceSettingsModel> }) {
  const error = model.error.value;
  return (
    <section class="options__section" aria-labelledby="workspaces-title" data-testid="options-workspaces">
      <h3 id="workspaces-title">Workspace pages (this browser)</h3>
      <p class="options__hint">
        The audit panel appears on pages of these addresses (scheme, host and port: another port is another site) whose path
        matches. Name the subject in the path with <code>:customerId</code>, <code>:conversationId</code>, or <code>:id</code>{' '}
        after <code>customers</code> or <code>conversations</code>. The workspace of the Auditdesk backend you sign in to is
        always included.
      </p>
      <ul class="options__patterns" data-testid="options-patterns">
        {model.backendPatterns.value.map((pattern) => (
          <li key={`${pattern.origin} ${pattern.path}`} data-testid="options-backend-pattern">
            <code>{pattern.origin}</code>
            <code>{pattern.path}</code>
            <span class="options__hint">your backend</span>
          </li>
        ))}
        {model.patterns.value.map((pattern, index) => (
          <li key={`${pattern.origin} ${pattern.path}`} data-testid="options-pattern">
            <code>{pattern.origin}</code>
            <code>{pattern.path}</code>
            <button
              type="button"
              data-testid="options-pattern-remove"
              aria-label={`Remove ${pattern.path} on ${pattern.origin}`}
              onClick={() => void model.remove(index)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        class="options__add"
        aria-describedby={error ? 'options-error' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          void model.add();
        }}
      >
        <label for="options-origin">Address</label>
        <input
          id="options-origin"
          data-testid="options-origin"
          placeholder="https://acme.kustomer.com"
          value={model.origin.value}
          onInput={(event) => (model.origin.value = event.currentTarget.value)}
        />
        <label for="options-path">Path</label>
        <input
          id="options-path"
          data-testid="options-path"
          placeholder="/customers/:customerId"
          value={model.path.value}
          onInput={(event) => (model.path.value = event.currentTarget.value)}
        />
        <div class="options__actions">
          <button type="submit" data-testid="options-add">
            Add workspace page
          </button>
          <button type="button" data-testid="options-preset-kustomer" onClick={() => model.useKustomerPreset()}>
            Use the Kustomer conversation page
          </button>
        </div>
        {error ? (
          <p id="options-error" class="options__error" role="alert" data-testid="options-error">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
