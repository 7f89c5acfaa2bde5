import { PolledHeadHub, type PolledHubDeps } from '../live/polled-head-hub';
import { feedHead } from './queries';

/**
 * The hub of the notification streams. Notifications are raised by whichever
 * process commits the matching change, so this process's commits are not
 * all there is to follow: the head is the feed's `max(seq)`.
 */
export class NotificationFeedHub extends PolledHeadHub {
  protected readonly name = 'notification feed';

  protected readHead(): Promise<number> {
    return feedHead(this.deps.db.reader);
  }
}

// One hub per write queue, i.e. per app instance, like the audit stream's.
const hubs = new WeakMap<PolledHubDeps['writes'], NotificationFeedHub>();

export function notificationHubOf(deps: PolledHubDeps): NotificationFeedHub {
  let hub = hubs.get(deps.writes);
  if (!hub) hubs.set(deps.writes, (hub = new NotificationFeedHub(deps)));
  return hub;
}
