import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../lib/messaging/messenger';
import { isFrameLayout } from '../../lib/panel/frame-layout';
import { type OpenFlag, pushPageWhileOpen } from '../../lib/panel/page-push';
import { frameStartFragment } from '../../lib/panel/frame-start';
import { panelOpen } from '../../lib/panel/open-state';
import { newPageId } from '../../lib/panel/subject-report';
import { mountPanelFrame } from '../../lib/panel/panel-frame';
import { PANEL_PAGE } from '../../lib/requests/sender-policy';
import { readWorkspacePatterns, watchWorkspacePatterns } from '../../lib/settings/stored-workspace-patterns';
import type { DetectedSubjects } from '../../lib/subject/detect';
import { watchSubjects } from '../../lib/subject/watch';
import { isWorkspaceUrl, pathsForPage } from '../../lib/subject/workspace-paths';

/** A plain watched boolean: the page push follows it. */
function openFlag(): OpenFlag & { set(open: boolean): void } {
  let value = false;
  const listeners = new Set<(open: boolean) => void>();
  return {
    peek: () => value,
    set(open) {
      if (open === value) return;
      value = open;
      listeners.forEach((listener) => listener(open));
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(value);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * On a workspace page: frames the panel's page with the subjects the page
 * shows, tells the background when they change (the panel follows them
 * from there), and
 * sizes the frame and pushes the page aside as the panel says. Chrome's
 * match patterns cannot name a port, so the script runs on every port of
 * the workspace hosts: it does nothing unless the page's origin (scheme,
 * host and port) is a workspace's.
 */
export async function startPanelFrame(ctx: ContentScriptContext): Promise<void> {
  const [stored, wasOpen] = await Promise.all([readWorkspacePatterns(), panelOpen.getValue()]);
  let patterns = stored;
  if (!isWorkspaceUrl(patterns, location)) return;

  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const page = newPageId();
  let reports = 0;
  const show = (subjects: DetectedSubjects) => {
    const onWorkspace = isWorkspaceUrl(patterns, location);
    frame.setVisible(onWorkspace && (subjects.customerId !== null || subjects.conversationId !== null));
    const shown = onWorkspace ? subjects : { customerId: null, conversationId: null };
    void sendMessage('setSubject', { ...shown, page, seq: ++reports }).catch(() => undefined);
  };
  let current = watchSubjects({
    window,
    paths: () => pathsForPage(patterns, location),
    onNavigate: (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl)),
    onChange: (subjects) => show((current = subjects)),
    signal: ctx.signal,
  });
  // Subjects change only on later events, after this: `show` never runs before the frame exists.
  const frame = mountPanelFrame(document, `${browser.runtime.getURL(`/${PANEL_PAGE}`)}${frameStartFragment({ subjects: current, page, open: wasOpen })}`);
  ctx.onInvalidated(frame.remove);
  show(current);
  ctx.onInvalidated(
    watchWorkspacePatterns((next) => {
      patterns = next;
      show(current);
    }),
  );

  // On a wide window the workspace moves aside for the open panel, so its form stays usable.
  const open = openFlag();
  // Left open: sized and pushed now, before the panel says so.
  frame.setOpen(wasOpen);
  open.set(wasOpen);
  ctx.onInvalidated(pushPageWhileOpen(window, open));
  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (event.source !== frame.window || event.origin !== extensionOrigin || !isFrameLayout(event.data)) return;
    frame.setOpen(event.data.open);
    // Opened from the keyboard command, the page still has the focus: the panel takes it.
    if (event.data.focus) frame.focus();
    open.set(event.data.open);
  });
}
