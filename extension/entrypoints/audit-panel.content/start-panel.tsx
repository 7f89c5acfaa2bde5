import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { AuditPanel } from '../../components/AuditPanel';
import panelCss from '../../components/panel.css?inline';
import { onMessage, sendMessage } from '../../lib/messaging/messenger';
import { LIVE_PORT } from '../../lib/messaging/protocol';
import { panelOpen } from '../../lib/panel/open-state';
import { pushPageWhileOpen } from '../../lib/panel/page-push';
import { PanelModel } from '../../lib/panel/panel-model';
import { readWorkspacePatterns, watchWorkspacePatterns } from '../../lib/settings/stored-workspace-patterns';
import { watchSubjects } from '../../lib/subject/watch';
import { pathsForPage } from '../../lib/subject/workspace-paths';

/** Wires the panel model to the page, the background and the shadow root. */
export async function startPanel(ctx: ContentScriptContext): Promise<void> {
  let paths = pathsForPage(await readWorkspacePatterns(), location);
  ctx.onInvalidated(watchWorkspacePatterns((patterns) => (paths = pathsForPage(patterns, location))));

  const model = new PanelModel({
    send: (type, data) => sendMessage(type, data),
    now: Date.now,
    connectLive: () => browser.runtime.connect({ name: LIVE_PORT }),
    writeClipboard: (text) => navigator.clipboard.writeText(text),
    openState: panelOpen,
  });
  ctx.onInvalidated(() => model[Symbol.dispose]());

  model.setDetected(
    watchSubjects({
      window,
      paths: () => paths,
      onNavigate: (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl)),
      onChange: model.setDetected,
      signal: ctx.signal,
    }),
  );
  await model.restoreOpenState();
  // On a wide window the workspace moves aside for the open panel, so its form stays usable.
  ctx.onInvalidated(pushPageWhileOpen(window, model.open));
  ctx.onInvalidated(onMessage('togglePanel', () => model.toggle()));
  // Signing in happens in the toolbar popup, and the network comes back on its own:
  // try again when the page gets the focus back or the browser is online.
  ctx.addEventListener(window, 'focus', () => model.refreshIfBlocked());
  ctx.addEventListener(window, 'online', () => model.refreshIfBlocked());

  const ui = await createShadowRootUi(ctx, {
    name: 'auditdesk-panel',
    mode: 'open',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: panelCss,
    // Keys typed in the panel (filters, Escape) are not the page's shortcuts.
    isolateEvents: true,
    onMount: (container) => {
      render(<AuditPanel model={model} />, container);
      return container;
    },
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  ui.mount();
}
