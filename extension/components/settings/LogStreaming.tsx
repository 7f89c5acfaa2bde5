import { useEffect } from 'preact/hooks';
import type { StreamDestination } from '../../../shared/api-client';
import { filterSummary, healthIsTrouble, healthSummary, kindLabel, targetSummary } from '../../lib/admin/stream-words';
import type { StreamsModel } from '../../lib/admin/streams-model';
import { SecretReveal } from './SecretReveal';
import { StreamDestinationForm } from './StreamDestinationForm';

type Model = InstanceType<typeof StreamsModel>;

/**
 * The log streamed out: each destination with where it sends, what it
 * sends and how delivery is going (asked again every few seconds while the
 * page is visible), with Pause or Resume, Edit, Rotate secret and Delete;
 * and a form to add one.
 */
export function LogStreaming({ model }: { model: Model }) {
  useEffect(() => model.follow(document), [model]);
  const error = model.error.value;
  const refreshError = model.refreshError.value;
  const mode = model.mode.value;
  const destinations = model.destinations.value;
  return (
    <section class="settings__block" aria-labelledby="streams-title" data-testid="settings-streams" aria-busy={!model.loaded.value && refreshError === null}>
      <h3 id="streams-title">Log streaming</h3>
      <p class="options__hint">
        Sends the log, as it is written, to a security team's collector: an HTTPS webhook receives signed JSON batches, a JSON Lines file on the
        server is rotated by size and age. Every matching event is delivered at least once and in order; a failing destination is retried, and
        paused after failing for as long as it is set to, to resume from where it stopped.
      </p>
      <SecretReveal
        shown={model.revealed.value}
        copied={model.copied.value}
        onCopy={() => void model.copySecret()}
        onDone={() => model.dismissSecret()}
        use="the receiver checks each batch's X-Auditdesk-Signature with it"
        testIdPrefix="stream"
      />
      {error ? (
        <p class="settings__error" role="alert" data-testid="streams-error">
          {error}
        </p>
      ) : null}
      {refreshError ? (
        <p class="settings__error" role="status" data-testid="streams-refresh-error">
          The health shown may be out of date: {refreshError}
        </p>
      ) : null}
      {model.loaded.value && destinations.length === 0 ? <p data-testid="streams-empty">No destination yet: the log is not sent anywhere.</p> : null}
      <ul class="settings__streams" aria-label="Stream destinations">
        {destinations.map((destination) => (
          <DestinationItem key={destination.id} model={model} destination={destination} />
        ))}
      </ul>
      {mode.kind === 'create' ? (
        <StreamDestinationForm model={model} />
      ) : (
        <div class="settings__actions">
          <button type="button" data-testid="stream-add" onClick={() => model.openCreate()}>
            Add a destination
          </button>
        </div>
      )}
    </section>
  );
}

function DestinationItem({ model, destination }: { model: Model; destination: StreamDestination }) {
  const confirming = model.confirming.value?.destinationId === destination.id ? model.confirming.value.action : null;
  const editing = model.mode.value.kind === 'edit' && model.mode.value.destinationId === destination.id;
  const busy = model.busy.value;
  const paused = destination.status === 'paused';
  const { health } = destination;
  return (
    <li class="settings__stream" data-testid="stream-row" data-stream-id={destination.id} data-status={destination.status} data-state={health.state}>
      <p>
        <span class="settings__name">{destination.name}</span> · {kindLabel(destination.kind)} ·{' '}
        <code data-testid="stream-target">{targetSummary(destination)}</code>
      </p>
      <p class="options__hint" data-testid="stream-filter">
        {filterSummary(destination.filter)}
      </p>
      <p class={healthIsTrouble(destination) ? 'settings__locked' : undefined} data-testid="stream-health">
        {healthSummary(destination, model.now.value)}
      </p>
      {health.currentFile ? (
        <p class="options__hint" data-testid="stream-file">
          Writing <code>{health.currentFile}</code>
        </p>
      ) : null}
      {confirming ? (
        <div class="settings__actions" role="group" aria-label={`Confirm ${confirming} of ${destination.name}`}>
          <span>{confirming === 'rotate' ? 'Batches are signed with a new secret from now on: the receiver must be given it.' : 'Delivery to it stops for good.'}</span>
          <button type="button" data-testid="stream-confirm" disabled={busy} onClick={() => void model.confirm()}>
            {confirming === 'rotate' ? 'Rotate now' : 'Delete now'}
          </button>
          <button type="button" data-testid="stream-cancel" onClick={() => model.cancel()}>
            Cancel
          </button>
        </div>
      ) : (
        <div class="settings__actions">
          {paused ? (
            <button type="button" data-testid="stream-resume" disabled={busy} aria-label={`Resume ${destination.name}`} onClick={() => void model.resume(destination.id)}>
              Resume
            </button>
          ) : (
            <button type="button" data-testid="stream-pause" disabled={busy} aria-label={`Pause ${destination.name}`} onClick={() => void model.pause(destination.id)}>
              Pause
            </button>
          )}
          <button type="button" data-testid="stream-edit" aria-label={`Edit ${destination.name}`} onClick={() => model.openEdit(destination.id)}>
            Edit
          </button>
          {destination.kind === 'webhook' ? (
            <button type="button" data-testid="stream-rotate" aria-label={`Rotate the secret of ${destination.name}`} onClick={() => model.ask(destination.id, 'rotate')}>
              Rotate secret
            </button>
          ) : null}
          <button type="button" data-testid="stream-delete" aria-label={`Delete ${destination.name}`} onClick={() => model.ask(destination.id, 'delete')}>
            Delete
          </button>
        </div>
      )}
      {editing ? <StreamDestinationForm model={model} /> : null}
    </li>
  );
}
