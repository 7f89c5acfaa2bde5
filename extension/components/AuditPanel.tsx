import { useEffect, useRef } from 'preact/hooks';
import type { PanelModel } from '../lib/panel/panel-model';
import { PanelView } from './PanelView';

/**
 * The panel page's root: while the page shows a customer or
 * conversation, either the floating toggle button (panel closed) or the
 * panel, whose header's × is then the toggle: the round button would cover
 * the last rows of the history. Escape closes the restore dialog first, then
 * the panel.
 */
export function AuditPanel({ model }: { model: PanelModel }) {
  const toggle = useRef<HTMLButtonElement>(null);
  /** Set when the agent closes the panel, so the floating toggle takes the focus once it is back. */
  const focusToggle = useRef(false);
  const open = model.open.value;
  useEffect(() => {
    if (open || !focusToggle.current) return;
    focusToggle.current = false;
    toggle.current?.focus();
  }, [open]);
  if (!model.hasSubject.value) return null;

  const close = () => {
    focusToggle.current = true;
    model.close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !model.open.peek()) return;
    event.stopPropagation();
    if (model.restore.state.peek()) model.restore.cancel();
    else close();
  };

  return (
    <div class="auditdesk" onKeyDown={onKeyDown}>
      {open ? (
        <PanelView model={model} onClose={close} />
      ) : (
        <button
          ref={toggle}
          type="button"
          class="toggle"
          data-testid="panel-toggle"
          aria-expanded="false"
          aria-controls="auditdesk-panel"
          aria-label="Open the audit history"
          title="Audit history (Alt+Shift+A)"
          onClick={model.toggle}
        >
          <span aria-hidden="true">⟲</span>
        </button>
      )}
    </div>
  );
}
