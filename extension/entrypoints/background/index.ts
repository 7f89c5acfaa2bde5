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
import { createRequestHandlers } from '../../lib/requests/request-handlers';
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

  onMessage('getSession', ({ data, sender }) => handlers.getSession(data, sender));
  onMessage('signIn', ({ data, sender }) => handlers.signIn(data, sender));
  onMessage('signOut', ({ data, sender }) => handlers.signOut(data, sender));
  onMessage('getSubject', ({ data, sender }) => handlers.getSubject(data, sender));
  onMessage('getHistory', ({ data, sender }) => handlers.getHistory(data, sender));
  onMessage('restoreEvent', ({ data, sender }) => handlers.restoreEvent(data, sender));
  onMessage('getNames', ({ data, sender }) => handlers.getNames(data, sender));
  onMessage('setSubject', ({ data, sender }) => handlers.setSubject(data, sender));
  // The audit page (options page).
  onMessage('getLogPage', ({ data, sender }) => handlers.getLogPage(data, sender));
  onMessage('getLogActivity', ({ data, sender }) => handlers.getLogActivity(data, sender));
  onMessage('getLogActors', ({ data, sender }) => handlers.getLogActors(data, sender));
  onMessage('getLogCustomers', ({ data, sender }) => handlers.getLogCustomers(data, sender));
  onMessage('getLogChange', ({ data, sender }) => handlers.getLogChange(data, sender));
  // Workspace administration (the options page's Settings).
  onMessage('listUsers', ({ data, sender }) => handlers.listUsers(data, sender));
  onMessage('updateUser', ({ data, sender }) => handlers.updateUser(data, sender));
  onMessage('unlockUser', ({ data, sender }) => handlers.unlockUser(data, sender));
  onMessage('listApiKeys', ({ data, sender }) => handlers.listApiKeys(data, sender));
  onMessage('createApiKey', ({ data, sender }) => handlers.createApiKey(data, sender));
  onMessage('rotateApiKey', ({ data, sender }) => handlers.rotateApiKey(data, sender));
  onMessage('revokeApiKey', ({ data, sender }) => handlers.revokeApiKey(data, sender));
  onMessage('getRetention', ({ data, sender }) => handlers.getRetention(data, sender));
  onMessage('setRetention', ({ data, sender }) => handlers.setRetention(data, sender));
  // Saved views of the log (the audit page).
  onMessage('listViews', ({ data, sender }) => handlers.listViews(data, sender));
  onMessage('saveView', ({ data, sender }) => handlers.saveView(data, sender));
  onMessage('updateView', ({ data, sender }) => handlers.updateView(data, sender));
  onMessage('deleteView', ({ data, sender }) => handlers.deleteView(data, sender));
  // Watches and notifications (the popup; the panel lists and stops its watches).
  onMessage('listWatches', ({ data, sender }) => handlers.listWatches(data, sender));
  onMessage('updateWatch', ({ data, sender }) => handlers.updateWatch(data, sender));
  onMessage('deleteWatch', ({ data, sender }) => handlers.deleteWatch(data, sender));
  onMessage('listNotifications', ({ data, sender }) => handlers.listNotifications(data, sender));
  onMessage('markNotificationRead', ({ data, sender }) => handlers.markNotificationRead(data, sender));
  onMessage('markAllNotificationsRead', ({ data, sender }) => handlers.markAllNotificationsRead(data, sender));
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
