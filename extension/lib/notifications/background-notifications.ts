import { browser } from 'wxt/browser';
import { ApiClient } from '../../../shared/api-client';
import { reconnectDelayMs, sleep } from '../live/backoff';
import type { SessionService } from '../session/session-service';
import { createDesktopSurface, type WorkerNotifications } from './desktop-surface';
import { createKeepAlive } from './keep-alive';
import { openClickedNotification } from './notification-click';
import { openTab } from './open-tab';
import { NotificationFollower } from './notification-follower';
import { createPositionStore } from './position-store';

/** The alarm that wakes a stopped worker to follow (and catch up on) the notification stream. */
export const FOLLOW_ALARM = 'auditdesk-follow-notifications';

/** The service worker's global scope, as far as notifications go (the extension is typed with the DOM's library). */
interface NotificationWorker {
  registration: WorkerNotifications;
  addEventListener(type: 'notificationclick', listener: (event: { notification: { data: unknown; close(): void }; waitUntil(work: Promise<unknown>): void }) => void): void;
}

/**
 * The background's notifications: follows the signed-in person's stream
 * while the worker runs (started now, on every session change, at browser
 * start-up and install, and each minute by an alarm in case Chrome stopped
 * the worker), shows desktop notifications and the badge, and opens what
 * a notification is about when it is clicked. Call once, synchronously, as
 * the worker starts: Chrome delivers events only to listeners added then.
 */
export function startNotifications(session: SessionService): NotificationFollower {
  const worker = globalThis as unknown as NotificationWorker;
  const clientOf = (current: { backendUrl: string; token: string }) => new ApiClient({ baseUrl: current.backendUrl, token: current.token });
  const follower = new NotificationFollower({
    currentSession: session.current,
    unreadCount: (current, signal) => clientOf(current).unreadNotifications(signal),
    openStream: (current, after, signal) => clientOf(current).notificationStream({ after, signal }),
    sessionRejected: session.dropIfStill,
    positions: createPositionStore(),
    surface: createDesktopSurface({ registration: worker.registration, setBadgeText: (text) => browser.action.setBadgeText({ text }) }),
    reconnectDelayMs: (attempt) => reconnectDelayMs(attempt),
    sleep,
    keepAlive: createKeepAlive(() => browser.runtime.getPlatformInfo()),
  });

  worker.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(
      openClickedNotification(event.notification.data, {
        currentSession: session.current,
        markRead: async (id) => {
          const marked = await session.call((client) => client.markNotificationRead(id));
          if (marked.ok) await follower.unreadChanged(null);
        },
        openTab,
        openInbox: async () => {
          await browser.action.openPopup().catch(() => openTab(browser.runtime.getURL('/popup.html'), false));
        },
        extensionBaseUrl: browser.runtime.getURL('/'),
      }),
    );
  });

  void browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
  void browser.alarms.create(FOLLOW_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FOLLOW_ALARM) follower.start();
  });
  browser.runtime.onStartup.addListener(() => follower.start());
  browser.runtime.onInstalled.addListener(() => follower.start());
  follower.start();
  return follower;
}
