import { PolledHeadHub, type PolledHubDeps } from '../live/polled-head-hub';
import { feedHeadsOf } from './queries';

/**
 * The hub of the notification streams; its keys are people (user ids).
 * Notifications are raised by whichever process commits the matching
 * change, so this process's commits are not all there is to follow: a
 * person's head is the newest `seq` of their feed (one index probe), and a
 * notification for one person wakes no one else's stream.
 */
export class NotificationFeedHub extends PolledHeadHub {
  protected readonly name = 'notification feed';

  protected readHeads(userIds: string[]): Promise<Map<string, number>> {
    return feedHeadsOf(this.deps.db.reader, userIds);
  }
}

// One hub per write queue, i.e. per app instance, like the audit stream's.
const hubs = new WeakMap<PolledHubDeps['writes'], NotificationFeedHub>();

export function notificationHubOf(deps: PolledHubDeps): NotificationFeedHub {
  let hub = hubs.get(deps.writes);
  if (!hub) hubs.set(deps.writes, (hub = new NotificationFeedHub(deps)));
  return hub;
}
