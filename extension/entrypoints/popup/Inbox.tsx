import type { AppNotification } from '../../../shared/api-client';
import { relativeTime } from '../../lib/panel/format';
import type { InboxModel } from '../../lib/popup/inbox-model';

type Model = InstanceType<typeof InboxModel>;

/** One notification: unread ones marked; the title opens it. */
function NotificationItem({ model, notification, now }: { model: Model; notification: AppNotification; now: number }) {
  const unread = notification.readAt === null;
  return (
    <li class={`inbox__item${unread ? ' inbox__item--unread' : ''}`} data-testid="popup-notification" data-id={notification.id} data-unread={String(unread)}>
      <button type="button" class="inbox__open" data-testid="popup-notification-open" onClick={() => void model.open(notification)}>
        {unread ? <span class="inbox__dot" aria-label="Unread" /> : null}
        <strong class="inbox__title">{notification.title}</strong>
        <span class="inbox__body">{notification.body}</span>
        <time class="inbox__time" dateTime={notification.lastAt} title={new Date(notification.lastAt).toLocaleString()}>
          {relativeTime(notification.lastAt, now)} · {notification.watch.name}
        </time>
      </button>
      {unread ? (
        <button type="button" class="popup__link" data-testid="popup-notification-read" onClick={() => void model.markRead(notification)}>
          Mark read
        </button>
      ) : null}
    </li>
  );
}

/** The person's notifications, newest first. */
export function Inbox({ model }: { model: Model }) {
  const phase = model.phase.value;
  const items = model.items.value;
  const unread = model.unreadCount.value;
  const now = Date.now();
  return (
    <section class="inbox" aria-labelledby="popup-inbox-title">
      <header class="popup__section-head">
        <h2 id="popup-inbox-title">
          Notifications{' '}
          {unread > 0 ? (
            <span class="inbox__count" data-testid="popup-unread-count">
              {unread} unread
            </span>
          ) : null}
        </h2>
        {model.hasUnread.value ? (
          <button type="button" class="popup__link" data-testid="popup-read-all" onClick={() => void model.markAllRead()}>
            Mark all read
          </button>
        ) : null}
      </header>
      {model.error.value ? (
        <p class="popup__error" role="alert" data-testid="popup-inbox-error">
          {model.error.value}
        </p>
      ) : null}
      {phase === 'loading' ? <p class="popup__muted">Loading…</p> : null}
      {phase === 'ready' && items.length === 0 ? (
        <p class="popup__muted" data-testid="popup-no-notifications">
          No notifications yet. Watch a conversation or customer from the audit panel, or a filter from the audit log.
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul class="inbox__list" data-testid="popup-notifications">
          {items.map((notification) => (
            <NotificationItem key={notification.id} model={model} notification={notification} now={now} />
          ))}
        </ul>
      ) : null}
      {model.hasMore.value ? (
        <button type="button" class="popup__link" disabled={model.loadingMore.value} onClick={() => void model.loadMore()}>
          {model.loadingMore.value ? 'Loading…' : 'Older notifications'}
        </button>
      ) : null}
    </section>
  );
}
