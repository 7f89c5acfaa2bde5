import { useEffect } from 'preact/hooks';
import type { InboundWebhook } from '../../../shared/api-client';
import type { InboundWebhooksModel } from '../../lib/admin/inbound-webhooks-model';
import { receivedWords, refusedWords, webhookState } from '../../lib/admin/webhook-words';
import { SecretReveal } from './SecretReveal';

type Model = InstanceType<typeof InboundWebhooksModel>;

/**
 * A helpdesk's changes, in: each webhook with the address the helpdesk
 * posts to (Copy), what it last received and what was last refused and
 * why; create one (the shared secret shown once), rotate, revoke.
 */
export function HelpdeskWebhooks({ model }: { model: Model }) {
  useEffect(() => model.follow(document), [model]);
  const error = model.error.value;
  return (
    <section class="settings__block" aria-labelledby="hooks-title" data-testid="settings-helpdesk-webhooks">
      <h3 id="hooks-title">Helpdesk webhooks</h3>
      <p class="options__hint">
        A helpdesk (Kustomer, Zendesk, or anything that sends an object's changes) posts to the webhook's address, signed with its shared secret;
        each changed attribute becomes an event in the log, marked with the source.
      </p>
      <form
        class="settings__grid"
        onSubmit={(event) => {
          event.preventDefault();
          void model.create();
        }}
      >
        <label for="hook-name">Name</label>
        <input id="hook-name" data-testid="hook-name" maxLength={100} placeholder="Kustomer production" value={model.name.value} onInput={(event) => (model.name.value = event.currentTarget.value)} />
        <label for="hook-source">Source</label>
        <input id="hook-source" data-testid="hook-source" maxLength={64} placeholder="kustomer" value={model.source.value} onInput={(event) => (model.source.value = event.currentTarget.value)} />
        <div class="settings__actions">
          <button type="submit" data-testid="hook-create" disabled={model.busy.value}>
            Create webhook
          </button>
        </div>
      </form>
      {error ? (
        <p class="settings__error" role="alert" data-testid="hooks-error">
          {error}
        </p>
      ) : null}
      <SecretReveal
        shown={model.revealed.value}
        copied={model.copied.value}
        onCopy={() => void model.copySecret()}
        onDone={() => model.dismissSecret()}
        use="paste it into the helpdesk's webhook settings, which signs every request with it"
        testIdPrefix="hook"
      />
      <table class="settings__table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Source</th>
            <th scope="col">Address</th>
            <th scope="col">Activity</th>
            <th scope="col">
              <span class="settings__visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.webhooks.value.map((webhook) => (
            <WebhookRow key={webhook.id} model={model} webhook={webhook} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function WebhookRow({ model, webhook }: { model: Model; webhook: InboundWebhook }) {
  const confirming = model.confirming.value?.webhookId === webhook.id ? model.confirming.value.action : null;
  const revoked = webhook.revokedAt !== null;
  const refused = refusedWords(webhook, model.now.value);
  const copied = model.copiedUrlOf.value === webhook.id;
  return (
    <tr data-testid="hook-row" data-hook-id={webhook.id} data-revoked={revoked ? 'true' : 'false'}>
      <th scope="row">{webhook.name}</th>
      <td>
        <code>{webhook.source}</code>
      </td>
      <td>
        <code class="settings__url" data-testid="hook-url">
          {webhook.url}
        </code>
        {revoked ? null : (
          <button type="button" data-testid="hook-copy-url" aria-label={`Copy the address of ${webhook.name}`} onClick={() => void model.copyUrl(webhook.id)}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </td>
      <td>
        <span data-testid="hook-state">{webhookState(webhook)}</span>
        <span data-testid="hook-received">{receivedWords(webhook, model.now.value)}</span>
        {refused ? (
          <span class="settings__locked" data-testid="hook-refused">
            {refused}
          </span>
        ) : null}
      </td>
      <td class="settings__row-actions">
        {revoked ? null : confirming ? (
          <span role="group" aria-label={`Confirm ${confirming} of ${webhook.name}`}>
            <span>{confirming === 'rotate' ? 'Requests signed with the current secret are refused from now on.' : 'Its address refuses every request from now on.'}</span>
            <button type="button" data-testid="hook-confirm" disabled={model.busy.value} onClick={() => void model.confirm()}>
              {confirming === 'rotate' ? 'Rotate now' : 'Revoke now'}
            </button>
            <button type="button" data-testid="hook-cancel" onClick={() => model.cancel()}>
              Cancel
            </button>
          </span>
        ) : (
          <>
            <button type="button" data-testid="hook-rotate" aria-label={`Rotate the secret of ${webhook.name}`} onClick={() => model.ask(webhook.id, 'rotate')}>
              Rotate secret
            </button>
            <button type="button" data-testid="hook-revoke" aria-label={`Revoke ${webhook.name}`} onClick={() => model.ask(webhook.id, 'revoke')}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
