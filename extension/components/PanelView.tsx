import { useEffect, useRef } from 'preact/hooks';
import type { PanelModel } from '../lib/panel/panel-model';
import { FilterBar } from './FilterBar';
import { PanelHeader } from './PanelHeader';
import { PanelStatus } from './PanelStatus';
import { RestoreDialog } from './RestoreDialog';
import { Timeline } from './Timeline';

/** The open panel, docked right: header, filters, the history and the restore dialog. */
export function PanelView({ model, onClose }: { model: PanelModel; onClose: () => void }) {
  const tabbed = model.tabs.value.length > 1;
  const title = useRef<HTMLHeadingElement>(null);
  // When the agent opened it (button or keyboard command), focus goes to the panel's title.
  useEffect(() => {
    if (!model.focusRequested.peek()) return;
    model.focusHandled();
    title.current?.focus();
  }, [model]);
  return (
    <section class="panel" id="auditdesk-panel" data-testid="panel" aria-label="Audit history">
      <PanelHeader model={model} onClose={onClose} titleRef={title} />
      <div class="body" id="auditdesk-history" role={tabbed ? 'tabpanel' : undefined} aria-labelledby="auditdesk-title">
        <FilterBar model={model} />
        <PanelStatus model={model} />
        {model.history.status.value === 'ready' && model.history.items.value.length > 0 && <Timeline model={model} />}
      </div>
      <p class="sr-only" aria-live="polite">
        {model.announcement.value}
      </p>
      <RestoreDialog model={model} />
    </section>
  );
}
