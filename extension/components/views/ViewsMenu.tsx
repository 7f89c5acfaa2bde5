import { useEffect, useRef } from 'preact/hooks';
import type { SavedView } from '../../../shared/api-client-responses';
import { currentViewOf } from '../../lib/views/view-filters';
import type { ViewsModel } from '../../lib/views/views-model';
import { SaveViewForm } from './SaveViewForm';
import { ViewItem } from './ViewItem';
import './views.css';

interface Props {
  model: ViewsModel;
  /** The page's current filter in the log's query parameter form (what its address holds). */
  filter: string;
  /** Called with the filter to apply (query parameter form, already narrowed to the viewer's role) when a view is chosen. */
  onApply(filter: string, view: SavedView): void;
}

/**
 * The saved views menu of the audit page: a button that opens the list of
 * the person's views and those shared with them, and a form to save the
 * current filter as a new one. Escape closes it and gives the focus back to
 * its button.
 */
export function ViewsMenu({ model, filter, onApply }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const open = model.open.value;
  const views = model.views.value;
  const current = currentViewOf(views, filter);
  useEffect(() => {
    void model.load();
  }, [model]);

  return (
    <div
      class="views"
      data-testid="views-menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // The page's own Escape (closing a drawer) is not meant while the menu is open.
        e.stopPropagation();
        model.close();
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        class="views__toggle"
        data-testid="views-toggle"
        aria-expanded={open}
        aria-controls="views-panel"
        onClick={() => model.toggleOpen()}
      >
        Views{current ? `: ${current.name}` : ''}
      </button>
      {open && (
        <div id="views-panel" class="views__panel" role="region" aria-label="Saved views">
          {model.error.value && (
            <p class="views__error" role="alert" data-testid="views-error">
              {model.error.value}
            </p>
          )}
          {model.status.value === 'loading' && <p class="views__hint">Loading views…</p>}
          {model.status.value === 'ready' && views.length === 0 && (
            <p class="views__hint" data-testid="views-empty">
              No saved views yet. Save the current filter to come back to it.
            </p>
          )}
          {views.length > 0 && (
            <ul class="views__list" aria-label="Saved views" data-testid="views-list">
              {views.map((view) => (
                <ViewItem key={view.id} model={model} view={view} current={view.id === current?.id} onApply={onApply} />
              ))}
            </ul>
          )}
          <SaveViewForm model={model} filter={filter} />
        </div>
      )}
      <p class="sr-only" aria-live="polite">
        {model.notice.value}
      </p>
    </div>
  );
}
