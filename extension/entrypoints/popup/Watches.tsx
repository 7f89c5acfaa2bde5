import type { Watch } from '../../../shared/api-client';
import { KIND_LABELS, type WatchesModel } from '../../lib/popup/watches-model';

type Model = InstanceType<typeof WatchesModel>;

function WatchItem({ model, watch }: { model: Model; watch: Watch }) {
  const busy = model.busy.value.has(watch.id);
  const confirming = model.confirming.value === watch.id;
  return (
    <li class="watches__item" data-testid="popup-watch" data-id={watch.id} data-paused={String(watch.paused)}>
      <span class="watches__name">{watch.name}</span>
      <span class="watches__meta">
        {KIND_LABELS[watch.kind]}
        {watch.paused ? ' · paused' : ''}
      </span>
      {confirming ? (
        <span class="watches__actions">
          Stop watching?{' '}
          <button type="button" class="popup__link popup__link--danger" data-testid="popup-watch-confirm-delete" disabled={busy} onClick={() => void model.confirmDelete()}>
            Delete
          </button>{' '}
          <button type="button" class="popup__link" onClick={() => model.cancelDelete()}>
            Keep
          </button>
        </span>
      ) : (
        <span class="watches__actions">
          <button type="button" class="popup__link" data-testid="popup-watch-pause" disabled={busy} onClick={() => void model.togglePaused(watch)}>
            {watch.paused ? 'Resume' : 'Pause'}
          </button>{' '}
          <button type="button" class="popup__link" data-testid="popup-watch-delete" disabled={busy} onClick={() => model.askDelete(watch.id)}>
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

/** What the person watches: pause, resume, delete. */
export function Watches({ model }: { model: Model }) {
  const items = model.items.value;
  return (
    <section class="watches" aria-labelledby="popup-watches-title">
      <header class="popup__section-head">
        <h2 id="popup-watches-title">Watches</h2>
      </header>
      {model.error.value ? (
        <p class="popup__error" role="alert" data-testid="popup-watches-error">
          {model.error.value}
        </p>
      ) : null}
      {model.phase.value === 'ready' && items.length === 0 ? <p class="popup__muted">You watch nothing yet.</p> : null}
      {items.length > 0 ? (
        <ul class="watches__list" data-testid="popup-watches">
          {items.map((watch) => (
            <WatchItem key={watch.id} model={model} watch={watch} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
