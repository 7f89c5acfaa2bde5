import { useRef } from 'preact/hooks';
import { categoryLabel, type FilterWatchKind, type FilterWatchModel } from '../../lib/watches/filter-watch-model';
import './watch.css';

const TITLES: Record<FilterWatchKind, string> = { filter: 'Watch this filter', threshold: 'Alert on a threshold' };

/**
 * The audit page's "Watch this filter" and "Alert on a threshold": each
 * opens a form on the page's filter (the event types the role reads, a
 * threshold's count, minutes and per-actor counting). Escape closes it and
 * gives the focus back to its button.
 */
export function WatchFilterMenu({ model }: { model: FilterWatchModel }) {
  const buttons = { filter: useRef<HTMLButtonElement>(null), threshold: useRef<HTMLButtonElement>(null) };
  if (model.readable.value.length === 0) return null;
  const open = model.open.value;
  const kind = model.kind.value;
  const close = () => {
    model.close();
    buttons[kind].current?.focus();
  };
  return (
    <div
      class="watch-menu"
      data-testid="watch-menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // The page's own Escape (closing a drawer) is not meant while the form is open.
        e.stopPropagation();
        close();
      }}
    >
      {(['filter', 'threshold'] as const).map((entry) => (
        <button
          key={entry}
          ref={buttons[entry]}
          type="button"
          data-testid={entry === 'filter' ? 'watch-filter' : 'watch-threshold'}
          aria-expanded={open && kind === entry}
          aria-controls="watch-form"
          onClick={() => (open && kind === entry ? close() : model.show(entry))}
        >
          {TITLES[entry]}
        </button>
      ))}
      {open && <WatchForm model={model} onClose={close} />}
    </div>
  );
}

function WatchForm({ model, onClose }: { model: FilterWatchModel; onClose(): void }) {
  const kind = model.kind.value;
  const chosen = model.categories.value;
  const created = model.created.value;
  const filter = model.watchFilter.value;
  return (
    <form
      id="watch-form"
      class="watch-form"
      data-testid="watch-form"
      aria-label={TITLES[kind]}
      onSubmit={(e) => {
        e.preventDefault();
        void model.submit();
      }}
    >
      <h3>{TITLES[kind]}</h3>
      <p class="watch-form__hint">
        {kind === 'threshold'
          ? 'One notification when this many matching events happen within the minutes you set; again only after a quiet spell.'
          : 'A notification for each new event matching this filter (changes close together are grouped).'}
      </p>
      <fieldset class="watch-form__types">
        <legend>Event types</legend>
        {model.readable.value.map((category) => (
          <label key={category}>
            <input
              type="checkbox"
              data-testid={`watch-category-${category}`}
              checked={chosen.includes(category)}
              onChange={(e) => model.setCategory(category, e.currentTarget.checked)}
            />{' '}
            {categoryLabel(category)}
          </label>
        ))}
        <p class="watch-form__hint">{chosen.length === 0 ? 'None ticked: every event type your role reads.' : ''}</p>
      </fieldset>
      {model.leftOut.value.length > 0 && (
        <p class="watch-form__note" data-testid="watch-left-out">
          {model.leftOut.value.map(categoryLabel).join(', ')} events are left out: your role does not read them.
        </p>
      )}
      {model.hasDates.value && <p class="watch-form__note">The filter’s dates are left out: a watch looks at the events still to come.</p>}
      <p class="watch-form__filter">
        Filter: <code data-testid="watch-filter-query">{filter || 'the whole log your role reads'}</code>
      </p>
      {kind === 'threshold' && (
        <div class="watch-form__threshold">
          <label>
            At least{' '}
            <input type="number" inputMode="numeric" min={2} max={10000} data-testid="watch-count" value={model.count.value} onInput={(e) => (model.count.value = e.currentTarget.value)} />{' '}
            events
          </label>
          <label>
            within{' '}
            <input type="number" inputMode="numeric" min={1} max={1440} data-testid="watch-minutes" value={model.minutes.value} onInput={(e) => (model.minutes.value = e.currentTarget.value)} />{' '}
            minutes
          </label>
          <label>
            <input type="checkbox" data-testid="watch-per-actor" checked={model.perActor.value} onChange={(e) => (model.perActor.value = e.currentTarget.checked)} /> counted for each
            actor on their own
          </label>
        </div>
      )}
      <label>
        Name (optional){' '}
        <input type="text" maxLength={120} data-testid="watch-name" value={model.name.value} onInput={(e) => (model.name.value = e.currentTarget.value)} />
      </label>
      <label>
        <input type="checkbox" data-testid="watch-include-own" checked={model.includeOwn.value} onChange={(e) => (model.includeOwn.value = e.currentTarget.checked)} /> Include my own
        changes
      </label>
      {model.error.value && (
        <p class="watch-form__error" role="alert" data-testid="watch-error">
          {model.error.value}
        </p>
      )}
      {created && (
        <p class="watch-form__done" role="status" data-testid="watch-created">
          Watching “{created.name}”. Your watches are listed in the toolbar popup.
        </p>
      )}
      <div class="watch-form__actions">
        <button type="submit" data-testid="watch-save" disabled={model.busy.value}>
          {model.busy.value ? 'Saving…' : kind === 'threshold' ? 'Create alert' : 'Watch'}
        </button>
        <button type="button" onClick={onClose} disabled={model.busy.value}>
          Close
        </button>
      </div>
    </form>
  );
}
