import type { AuditEvent } from '../../../shared/audit-event';
import { propertyLabel } from '../../lib/panel/format';
import { describeValue } from '../../lib/panel/names';
import type { PanelModel } from '../../lib/panel/panel-model';
import { offersPropertyPin } from '../../lib/watches/subject-pins';
import './pins.css';

/**
 * A row's "Notify me when Status changes": a button that opens a small form
 * (optionally "only when it changes to “Done”", the row's After), or, once
 * the property is watched, a line saying so with Stop.
 */
export function PropertyPin({ model, event }: { model: PanelModel; event: AuditEvent }) {
  const { pins } = model;
  if (!model.mayWatch.value || event.property === null || !offersPropertyPin(event, model.subject.value)) return null;
  const property = propertyLabel(event.property);
  const watch = pins.propertyWatch.value(event.property);
  if (watch) {
    return (
      <span class="pin-watched-row">
        <span class="pin-watched" data-testid="property-watched" title={watch.name}>
          <span aria-hidden="true">★</span> Watching {property}
        </span>
        <button
          type="button"
          class="link"
          data-testid="unwatch-property"
          aria-label={`Stop watching ${property}`}
          disabled={pins.busy.value !== null}
          onClick={() => void pins.stop(watch, event.id)}
        >
          Stop
        </button>
        {pins.error.value?.place === event.id && (
          <span role="alert" class="pin-error" data-testid="pin-error">
            {pins.error.value.message}
          </span>
        )}
      </span>
    );
  }
  const draft = pins.draft.value;
  if (draft?.eventId !== event.id) {
    return (
      <button type="button" class="link" data-testid="watch-property" onClick={() => pins.askProperty(event)}>
        Notify me when {property} changes
      </button>
    );
  }
  const error = pins.error.value;
  const busy = pins.busy.value !== null;
  return (
    <form
      class="pin-form"
      data-testid="property-pin-form"
      aria-label={`Notify me when ${property} changes`}
      onSubmit={(e) => {
        e.preventDefault();
        void pins.confirmProperty();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // The panel's own Escape would close it: only the form closes.
        e.stopPropagation();
        pins.cancel();
      }}
    >
      <p class="pin-form-title">Notify me when {property} changes</p>
      {draft.value !== null && (
        <label>
          <input
            type="checkbox"
            data-testid="watch-only-value"
            checked={draft.onlyValue}
            onChange={(e) => pins.setOnlyValue(e.currentTarget.checked)}
          />{' '}
          only when it changes to “{describeValue(draft.value, model.names.byId.value)}”
        </label>
      )}
      <div class="pin-form-actions">
        <button type="submit" class="primary" data-testid="watch-property-confirm" disabled={busy}>
          {busy ? 'Watching…' : 'Watch'}
        </button>
        <button type="button" class="secondary" data-testid="watch-property-cancel" disabled={busy} onClick={pins.cancel}>
          Cancel
        </button>
      </div>
      {error?.place === event.id && (
        <p role="alert" class="pin-error" data-testid="pin-error">
          {error.message}
        </p>
      )}
    </form>
  );
}
