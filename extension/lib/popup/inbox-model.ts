import { batch, computed, createModel, signal } from '@preact/signals';
import type { AppNotification, NotificationPage, ReadAll } from '../../../shared/api-client';
import type { Result } from '../messaging/protocol';

/** The background's notification requests, and what opening one does, passed in for tests. */
export interface InboxDeps {
  listNotifications(query: { cursor: string | null; unread: boolean }): Promise<Result<NotificationPage>>;
  markRead(id: string): Promise<Result<AppNotification>>;
  markAllRead(): Promise<Result<ReadAll>>;
  /** Opens what the notification is about (the subject in the workspace, or the filtered log). */
  open(notification: AppNotification): Promise<void>;
  now?: () => number;
}

export type InboxPhase = 'loading' | 'ready' | 'failed';

/**
 * The popup's notifications: newest first, unread ones marked, a page more
 * on demand; mark one or all read, open one (which reads it). The count of
 * unread ones is the backend's, kept in step with each mark.
 */
export const InboxModel = createModel((deps: InboxDeps) => {
  const now = deps.now ?? Date.now;
  const phase = signal<InboxPhase>('loading');
  const items = signal<AppNotification[]>([]);
  const nextCursor = signal<string | null>(null);
  const unreadCount = signal(0);
  const error = signal<string | null>(null);
  const loadingMore = signal(false);
  const hasUnread = computed(() => unreadCount.value > 0);

  const replace = (read: AppNotification) => (items.value = items.value.map((item) => (item.id === read.id ? read : item)));

  async function page(cursor: string | null): Promise<NotificationPage | null> {
    const answer = await deps.listNotifications({ cursor, unread: false }).catch(() => unreachable<NotificationPage>());
    if (answer.ok) return answer.value;
    error.value = answer.error.message;
    return null;
  }

  async function markRead(notification: AppNotification): Promise<void> {
    if (notification.readAt !== null) return;
    const answer = await deps.markRead(notification.id).catch(() => unreachable<AppNotification>());
    if (!answer.ok) {
      error.value = answer.error.message;
      return;
    }
    batch(() => {
      replace(answer.value);
      unreadCount.value = Math.max(0, unreadCount.value - 1);
      error.value = null;
    });
  }

  return {
    phase,
    items,
    unreadCount,
    hasUnread,
    error,
    loadingMore,
    hasMore: computed(() => nextCursor.value !== null),

    /** The first page, as the popup opens. */
    async load() {
      const first = await page(null);
      batch(() => {
        if (!first) {
          phase.value = 'failed';
          return;
        }
        items.value = first.items;
        nextCursor.value = first.nextCursor;
        unreadCount.value = first.unreadCount;
        phase.value = 'ready';
        error.value = null;
      });
    },

    /**
     * The newest page again, while the popup is open (the background has
     * handled a new stream entry): new and grown notifications come in on
     * top, read marks made elsewhere show, pages already loaded stay.
     */
    async refresh() {
      if (phase.value !== 'ready') return this.load();
      const first = await page(null);
      if (!first) return;
      batch(() => {
        const fresh = new Set(first.items.map((item) => item.id));
        items.value = [...first.items, ...items.value.filter((item) => !fresh.has(item.id))];
        unreadCount.value = first.unreadCount;
        error.value = null;
      });
    },

    async loadMore() {
      const cursor = nextCursor.value;
      if (!cursor || loadingMore.value) return;
      loadingMore.value = true;
      const next = await page(cursor);
      batch(() => {
        loadingMore.value = false;
        if (!next) return;
        const known = new Set(items.value.map((item) => item.id));
        items.value = [...items.value, ...next.items.filter((item) => !known.has(item.id))];
        nextCursor.value = next.nextCursor;
        unreadCount.value = next.unreadCount;
      });
    },

    markRead,

    async markAllRead() {
      const answer = await deps.markAllRead().catch(() => unreachable<ReadAll>());
      if (!answer.ok) {
        error.value = answer.error.message;
        return;
      }
      const readAt = new Date(now()).toISOString();
      batch(() => {
        items.value = items.value.map((item) => (item.readAt === null ? { ...item, readAt } : item));
        unreadCount.value = answer.value.unreadCount;
        error.value = null;
      });
    },

    /** Opens it and marks it read (opening is reading). */
    async open(notification: AppNotification) {
      await Promise.all([deps.open(notification), markRead(notification)]);
    },
  };
});

/** The background did not answer (the extension was just reloaded). */
export function unreachable<T>(): Result<T> {
  return { ok: false, error: { code: 'offline', message: 'The Auditdesk extension did not answer. Close the popup and try again.' } };
}
