import type { ApiKeysModel } from '../../lib/admin/api-keys-model';

/** A new secret, shown this once with Copy; dismissing it hides it for good. */
export function SecretReveal({ model }: { model: InstanceType<typeof ApiKeysModel> }) {
  const shown = model.revealed.value;
  if (!shown) return null;
  return (
    <div class="settings__secret" role="region" aria-label={`Secret of ${shown.name}`} data-testid="key-secret-panel">
      <p>
        {shown.made === 'created' ? `The secret of “${shown.name}”.` : `The new secret of “${shown.name}”; the previous one no longer works.`} It
        is shown only now: copy it into the automation that uses it.
      </p>
      <code class="settings__secret-value" data-testid="key-secret">
        {shown.secret}
      </code>
      <div class="settings__actions">
        <button type="button" data-testid="key-copy" onClick={() => void model.copySecret()}>
          {model.copied.value ? 'Copied' : 'Copy'}
        </button>
        <button type="button" data-testid="key-secret-done" onClick={() => model.dismissSecret()}>
          Done
        </button>
      </div>
    </div>
  );
}
