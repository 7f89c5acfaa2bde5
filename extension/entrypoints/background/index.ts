import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { ApiClient } from '../../../shared/api-client';
import { handleCommand } from '../../lib/background/toggle-command';
import { syncWorkspaceContentScripts } from '../../lib/background/workspace-content-scripts';
import { createCursorStore } from '../../lib/live/cursor-store';
import { reconnectDelayMs, sleep } from '../../lib/live/backoff';
import { LiveHub } from '../../lib/live/live-hub';
import { LogTailHub } from '../../lib/live/log-tail-hub';
import { startNotifications } from '../../lib/notifications/background-notifications';
import { subjectKey } from '../../lib/live/subject-key';
import { onMessage, sendMessage } from '../../lib/messaging/messenger';
import { createRequestHandlers, REQUEST_NAMES, type RequestName } from '../../lib/requests/request-handlers';
import { type SenderContext, senderKindOf } from '../../lib/requests/sender-policy';
import { authSession } from '../../lib/session/session-items';
import { createSessionService } from '../../lib/session/session-service';
import { tabSubjects } from '../../lib/panel/tab-subjects';
import { lastBackendUrl } from '../../lib/session/session-items';
import { effectiveWorkspacePatterns, workspacePatterns } from '../../lib/settings/workspace-patterns';

/*
 * The only part of the extension that talks to the backend. Everything it
 * needs between events lives in storage (session, stream positions,
 * settings), so Chrome may stop this worker at any moment.
 */
export default defineBackground(() => {
  const hasHostPermission = (origin: string) => browser.permissions.contains({ origins: [origin] });
  const senderContext = async (): Promise<SenderContext> => ({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    workspacePatterns: await effectiveWorkspacePatterns(),
  });

  const session = createSessionService({ hostPermissionGranted: hasHostPermission });
  const cursors = createCursorStore();
  const hub = new LiveHub({
    currentSession: session.current,
    openStream: (current, subject, lastEventId, signal) =>
      new ApiClient({ baseUrl: current.backendUrl, token: current.token }).stream(subject, { lastEventId, signal }),
    sessionRejected: session.dropIfStill,
    cursors,
    reconnectDelayMs: (attempt) => reconnectDelayMs(attempt),
    sleep,
    mayWatch: async (sender) => senderKindOf(sender ?? {}, await senderContext()) === 'panel',
  });
  const logTails = new LogTailHub({
    currentSession: session.current,
    openLogStream: (current, filters, lastEventId, signal) =>
      new ApiClient({ baseUrl: current.backendUrl, token: current.token }).streamLog(filters, { lastEventId, signal }),
    sessionRejected: session.dropIfStill,
    reconnectDelayMs: (attempt) => reconnectDelayMs(attempt),
    sleep,
    // The audit page is the options page.
    mayWatch: async (sender) => senderKindOf(sender ?? {}, await senderContext()) === 'extension_page',
  });
  const notifications = startNotifications(session);
  const handlers = createRequestHandlers({
    session,
    senderContext,
    historyShown: async (subject, newestEventId) => {
      if (!hub.isWatched(subject)) await cursors.save(subjectKey(subject), newestEventId);
    },
    subjectShown: (tabId, subjects) => tabSubjects.set(tabId, subjects),
    notificationsRead: (unread) => notifications.unreadChanged(unread),
  });

  // Every request of the protocol is answered by its handler (which checks the sender, then the data).
  const answer = <K extends RequestName>(name: K) => onMessage(name, ({ data, sender }) => handlers[name](data, sender));
  for (const name of REQUEST_NAMES) answer(name);
  browser.tabs.onRemoved.addListener((tabId) => void tabSubjects.remove(tabId));

  browser.runtime.onConnect.addListener((port) => {
    hub.connect(port);
    logTails.connect(port);
  });
  authSession.watch(() => {
    hub.sessionChanged();
    logTails.sessionChanged();
    notifications.sessionChanged();
  });

  browser.commands.onCommand.addListener((command, tab) => {
    void handleCommand(command, tab?.id, {
      activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
      // To every panel page: each one knows its tab and only the tab's own answers.
      sendToggle: (tabId) => sendMessage('togglePanel', tabId),
    });
  });

  const syncContentScripts = async () => {
    await syncWorkspaceContentScripts(await effectiveWorkspacePatterns(), {
      getRegisteredContentScripts: (filter) => browser.scripting.getRegisteredContentScripts(filter),
      unregisterContentScripts: (filter) => browser.scripting.unregisterContentScripts(filter),
      registerContentScripts: (scripts) => browser.scripting.registerContentScripts(scripts),
      hasHostPermission,
    }).catch((error: unknown) => console.error('[auditdesk] could not register the panel for the workspaces in the options', error));
  };
  void syncContentScripts();
  workspacePatterns.watch(() => void syncContentScripts());
  lastBackendUrl.watch(() => void syncContentScripts());
  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
});
