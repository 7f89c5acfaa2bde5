import type { SavedView } from '../../../shared/api-client-responses';
import { narrowingOf, ownershipOf } from '../../lib/views/view-filters';
import type { ViewsModel } from '../../lib/views/views-model';

interface Props {
  model: ViewsModel;
  view: SavedView;
  current: boolean;
  onApply(filter: string, view: SavedView): void;
}

/** One saved view in the menu: apply it, and (as allowed) make it the default, share it, delete it. */
export function ViewItem({ model, view, current, onApply }: Props) {
  const narrowing = narrowingOf(view);
  const busy = model.busy.value;
  const detailsId = `view-${view.id}-details`;
  return (
    <li class="views__item" data-testid="view-item" data-view-id={view.id}>
      <button
        type="button"
        class="views__apply"
        data-testid="view-apply"
        aria-current={current ? 'true' : undefined}
        aria-describedby={detailsId}
        disabled={view.readableFilter === null}
        onClick={() => {
          if (view.readableFilter === null) return;
          onApply(view.readableFilter, view);
          model.close();
        }}
      >
        {view.name}
        {view.default && <span class="views__badge"> (default)</span>}
      </button>
      <span id={detailsId} class="views__details">
        {ownershipOf(view)}
        {narrowing && (
          <span class="views__narrowed" data-testid="view-narrowed">
            {' '}
            · {narrowing}
          </span>
        )}
      </span>
      <span class="views__actions">
        <button
          type="button"
          data-testid="view-default"
          aria-pressed={view.default}
          aria-label={view.default ? `Stop opening the log on ${view.name}` : `Open the log on ${view.name}`}
          disabled={busy}
          onClick={() => void model.setDefault(view, !view.default)}
        >
          {view.default ? 'Default' : 'Make default'}
        </button>
        {view.mine && (
          <label class="views__share">
            <input
              type="checkbox"
              data-testid="view-share"
              checked={view.shared}
              disabled={busy}
              onChange={(e) => void model.setShared(view, e.currentTarget.checked)}
            />{' '}
            Shared<span class="sr-only"> {view.name} with the workspace</span>
          </label>
        )}
        {view.canDelete && model.confirmingDelete.value !== view.id && (
          <button type="button" data-testid="view-delete" aria-label={`Delete ${view.name}`} disabled={busy} onClick={() => model.askDelete(view)}>
            Delete
          </button>
        )}
      </span>
      {model.confirmingDelete.value === view.id && (
        <span class="views__confirm" role="group" aria-label={`Delete ${view.name}?`}>
          {view.mine ? 'Delete this view?' : `Delete this view for everyone? ${view.owner.name} saved it.`}{' '}
          <button type="button" data-testid="view-delete-confirm" disabled={busy} onClick={() => void model.confirmDelete(view)}>
            Delete
          </button>{' '}
          <button type="button" onClick={() => model.cancelDelete()}>
            Keep
          </button>
        </span>
      )}
    </li>
  );
}
