import type { RefObject } from 'preact';
import type { PanelModel } from '../lib/panel/panel-model';
import type { Tab } from '../lib/panel/subjects';
import { SubjectPin } from './pins/SubjectPin';

const LIVE_LABELS = { connecting: 'Connecting…', live: 'Live', offline: 'Offline', signed_out: 'Signed out' } as const;
const TAB_LABELS: Record<Tab, string> = { conversation: 'Conversation', customer: 'Customer' };

/** The subject's name, the Customer / Conversation tabs, the live indicator and Close. */
interface PanelHeaderProps {
  model: PanelModel;
  onClose: () => void;
  titleRef: RefObject<HTMLHeadingElement | null>;
}

export function PanelHeader({ model, onClose, titleRef }: PanelHeaderProps) {
  const tabs = model.tabs.value;
  const live = model.live.value;
  return (
    <header class="header">
      <div class="title-row">
        <h2 ref={titleRef} id="auditdesk-title" data-testid="panel-title" tabIndex={-1} title={model.title.value}>
          {model.title.value}
        </h2>
        <span class={`live status-${live}`} data-testid="live-status" data-status={live}>
          {LIVE_LABELS[live]}
        </span>
        {/* The panel toggle while the panel is open (the floating one is hidden then, so nothing covers the history). */}
        <button
          type="button"
          class="icon"
          data-testid="panel-toggle"
          aria-expanded="true"
          aria-controls="auditdesk-panel"
          aria-label="Close the audit history"
          title="Close (Alt+Shift+A)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <SubjectPin model={model} />
      {tabs.length > 1 && (
        <div class="tabs" role="tablist" aria-label="History of">
          {tabs.map(({ tab }) => (
            <button
              key={tab}
              type="button"
              role="tab"
              data-testid={`tab-${tab}`}
              aria-selected={model.activeTab.value === tab}
              aria-controls="auditdesk-history"
              onClick={() => model.selectTab(tab)}
            >
              {TAB_LABELS[tab]}
            </button>
          ))}
        </div>
      )}
    </header>
  );
}
