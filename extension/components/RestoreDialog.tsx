import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { propertyLabel } from '../lib/panel/format';
import { describeValue } from '../lib/panel/names';
import type { PanelModel } from '../lib/panel/panel-model';
import type { RestoreState } from '../lib/panel/restore';

/**
 * Confirms putting a property's previous value back. When the value changed
 * since, shows what it is now and lets the agent force the restore or keep it.
 */
export function RestoreDialog({ model }: { model: PanelModel }) {
  const state = model.restore.state.value;
  return state ? <RestoreModal model={model} state={state} /> : null;
}

/**
 * A native modal <dialog>: the browser keeps the focus inside it, makes the
 * page behind it inert and draws its ::backdrop. Closing gives the focus back
 * to what opened it (the row's restore button).
 */
function RestoreModal({ model, state }: { model: PanelModel; state: RestoreState }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const conflicted = state.conflict != null;

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // Inside the shadow root, the focused element is the root's, not the document's.
    const root = element.getRootNode() as Document | ShadowRoot;
    const opener = root.activeElement instanceof HTMLElement ? root.activeElement : null;
    element.showModal();
    return () => {
      // Closed first: while the dialog is modal, everything outside it is inert and cannot take the focus.
      element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  // Focus moves into the dialog when it opens and when it turns into a conflict.
  useEffect(() => first.current?.focus(), [state.event.id, conflicted]);

  // Escape: the model decides (a restore under way cannot be cancelled), not the browser.
  const onCancel = (event: Event) => {
    event.preventDefault();
    model.restore.cancel();
  };
  const property = propertyLabel(state.event.property ?? 'value');
  const names = model.names.byId.value;
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="auditdesk-restore-title" data-testid="restore-dialog" onCancel={onCancel}>
      <h3 id="auditdesk-restore-title">Restore {property}?</h3>
      {state.conflict ? (
        <div data-testid="restore-conflict">
          <p>{property} changed since this event. It is now:</p>
          <p class="dialog-value" data-testid="conflict-current">{describeValue(state.conflict.current, names)}</p>
          <p>Put back “{describeValue(state.event.before, names)}” anyway?</p>
          <div class="dialog-actions">
            <button ref={first} type="button" class="primary" data-testid="restore-force" disabled={state.busy} onClick={() => void model.restore.force()}>
              Restore anyway
            </button>
            <button type="button" class="secondary" data-testid="restore-keep" disabled={state.busy} onClick={model.restore.cancel}>
              Keep current value
            </button>
          </div>
        </div>
      ) : (
        <div>
          <p>
            {property} will go back from “{describeValue(state.event.after, names)}” to “{describeValue(state.event.before, names)}”. The restore is recorded in the audit log.
          </p>
          <div class="dialog-actions">
            <button ref={first} type="button" class="primary" data-testid="restore-confirm" disabled={state.busy} onClick={() => void model.restore.confirm()}>
              {state.busy ? 'Restoring…' : 'Restore'}
            </button>
            <button type="button" class="secondary" data-testid="restore-cancel" disabled={state.busy} onClick={model.restore.cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.error && <p role="alert" class="dialog-error">{state.error}</p>}
    </dialog>
  );
}
