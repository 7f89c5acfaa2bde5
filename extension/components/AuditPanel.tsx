import { useRef } from 'preact/hooks';
import type { PanelModel } from '../lib/panel/panel-model';
import { PanelView } from './PanelView';

/**
 * The panel's root inside the shadow root: the toggle button (there while
 * the page shows a customer or conversation) and, when open, the panel.
 * Escape closes the restore dialog first, then the panel.
 */
export function AuditPanel({ model }: { model: PanelModel }) {
  const toggle = useRef<HTMLButtonElement>(null);
  if (!model.hasSubject.value) return null;
  const open = model.open.value;

  const close = () => {
    model.close();
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !model.open.peek()) return;
    event.stopPropagation();
    if (model.restore.state.peek()) model.restore.cancel();
    else close();
  };

  return (
    <div class="auditdesk" onKeyDown={onKeyDown}>
      {open && <PanelView model={model} onClose={close} />}
      <button
        ref={toggle}
        type="button"
        class={`toggle${open ? ' open' : ''}`}
        data-testid="panel-toggle"
        aria-expanded={open}
        aria-controls="auditdesk-panel"
        aria-label={open ? 'Close the audit history' : 'Open the audit history'}
        title="Audit history (Alt+Shift+A)"
        onClick={model.toggle}
      >
        <span aria-hidden="true">{open ? '×' : '⟲'}</span>
      </button>
    </div>
  );
}
