import type { AppNotification } from '../../../shared/api-client';

/** Where the follower shows what it learns: desktop notifications and the toolbar badge. */
export interface NotificationSurface {
  /** Shows a notification, or replaces the one shown with its id; `quiet`: without sound or vibration. */
  show(notification: AppNotification, options: { quiet: boolean }): Promise<void>;
  /** One notification standing for `count` more that arrived together. */
  showMore(count: number): Promise<void>;
  /** Takes these notifications (all of them: null) off the screen. */
  close(ids: readonly string[] | null): Promise<void>;
  /** The unread count on the toolbar button; null clears it. */
  setBadge(unread: number | null): Promise<void>;
}
