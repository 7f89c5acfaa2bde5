import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { AuditPanel } from '../../components/AuditPanel';
import '../../components/panel.css';
import { onMessage, sendMessage } from '../../lib/messaging/messenger';
import { LIVE_PORT } from '../../lib/messaging/protocol';
import { frameLayout } from '../../lib/panel/frame-layout';
import { frameStartOf } from '../../lib/panel/frame-start';
import { panelOpen } from '../../lib/panel/open-state';
import { PanelModel } from '../../lib/panel/panel-model';
import { newestReportsOf } from '../../lib/panel/subject-report';
import { tabSubjects } from '../../lib/panel/tab-subjects';
import { readWorkspacePatterns } from '../../lib/settings/stored-workspace-patterns';
import { isWorkspaceUrl } from '../../lib/subject/workspace-paths';
import { browserNotificationPrompt } from '../../lib/watches/browser-notification-prompt';

/*
 * The audit panel: an extension page the content script frames on a
 * workspace page, so the page can neither read it nor click in it. It asks
 * the background for everything, as any extension page. It starts on the
 * subjects in its URL fragment and follows those the tab's content script
 * reports to the background.
 */
async function startPanel(): Promise<void> {
  // Only ever framed directly by a workspace page: anywhere else it shows nothing (and the background answers it nothing).
  const parentOrigin = location.ancestorOrigins?.[0];
  if (window.parent === window || window.parent !== window.top || !parentOrigin) return;

  // The history is asked for at once; the checks below run meanwhile (the background makes its own on every request).
  const start = frameStartOf(location.hash);
  const model = new PanelModel({
    send: (type, data) => sendMessage(type, data),
    now: Date.now,
    connectLive: () => browser.runtime.connect({ name: LIVE_PORT }),
    writeClipboard: (text) => navigator.clipboard.writeText(text),
    // The content script read it for the frame's URL; stored as the agent opens and closes the panel.
    openState: { getValue: async () => start.open, setValue: panelOpen.setValue },
    notificationPrompt: browserNotificationPrompt(),
  });
  model.setDetected(start.subjects);
  const opened = model.restoreOpenState();

  const [patterns, tab] = await Promise.all([readWorkspacePatterns(), browser.tabs.getCurrent()]);
  const tabId = tab?.id;
  if (tabId === undefined || !isWorkspaceUrl(patterns, new URL(parentOrigin))) {
    model[Symbol.dispose]();
    return;
  }
  if (start.page) tabSubjects.watch(tabId, newestReportsOf(start.page, model.setDetected));
  await opened;
  onMessage('togglePanel', ({ data }) => {
    if (data === tabId) model.toggle();
  });

  effect(() => window.parent.postMessage(frameLayout(model.open.value, model.focusRequested.peek()), parentOrigin));
  // Signing in happens in the toolbar popup, and the network comes back on its own:
  // try again when the tab is shown again or the browser is online.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && model.refreshIfBlocked());
  window.addEventListener('online', () => model.refreshIfBlocked());

  render(<AuditPanel model={model} />, document.getElementById('app')!);
}

void startPanel();
