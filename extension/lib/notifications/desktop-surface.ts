import * as v from 'valibot';
import type { AppNotification } from '../../../shared/api-client';
import { badgeText } from './badge';
import type { NotificationSurface } from './notification-surface';

/** The tag of the one notification that stands for several others. */
export const MORE_TAG = 'auditdesk-more';

/** What a desktop notification carries, for its click: the notification it shows, or the summary. */
export const ShownData = v.union([
  v.object({ auditdesk: v.literal('notification'), id: v.string(), link: v.unknown() }),
  v.object({ auditdesk: v.literal('more') }),
]);
export type ShownData = v.InferOutput<typeof ShownData>;

/** The service worker's registration, as far as notifications go. */
export interface WorkerNotifications {
  showNotification(title: string, options: NotificationOptions): Promise<void>;
  getNotifications(filter?: GetNotificationOptions): Promise<Array<Pick<Notification, 'tag' | 'data' | 'close'>>>;
}

export interface DesktopSurfaceDeps {
  registration: WorkerNotifications;
  /** chrome.action.setBadgeText */
  setBadgeText(text: string): Promise<void>;
}

/**
 * Notifications on the desktop through the service worker's Web
 * Notifications (tag = the notification's id, so showing it again replaces
 * it), and the unread count on the toolbar badge. Without Chrome's
 * notifications permission nothing is shown; the badge and the popup work
 * all the same.
 */
export function createDesktopSurface(deps: DesktopSurfaceDeps): NotificationSurface {
  const show = async (title: string, options: NotificationOptions) => {
    try {
      await deps.registration.showNotification(title, options);
    } catch {
      // No permission (it is asked for with the first watch, and may be refused): the badge says it.
    }
  };
  return {
    async show(notification: AppNotification, { quiet }) {
      const data: ShownData = { auditdesk: 'notification', id: notification.id, link: notification.link };
      await show(notification.title, { body: notification.body, tag: notification.id, data, silent: quiet });
    },
    async showMore(count) {
      const data: ShownData = { auditdesk: 'more' };
      await show(`${count} more notification${count === 1 ? '' : 's'}`, { body: 'Open Auditdesk to see them all.', tag: MORE_TAG, data });
    },
    async close(ids) {
      const shown = await deps.registration.getNotifications().catch(() => []);
      for (const notification of shown) {
        const data = v.safeParse(ShownData, notification.data);
        if (!data.success) continue;
        if (ids === null || (data.output.auditdesk === 'notification' && ids.includes(data.output.id))) notification.close();
      }
    },
    async setBadge(unread) {
      await deps.setBadgeText(badgeText(unread));
    },
  };
}
