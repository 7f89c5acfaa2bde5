import type { AppNotification } from '../../../shared/api-client';

/** The most notifications shown one by one when several arrive at once; the rest are summed up in one. */
export const MAX_SHOWN_AT_ONCE = 3;

export interface CatchUpPlan {
  /** Newest first. */
  show: AppNotification[];
  /** How many more arrived than are shown. */
  more: number;
}

/**
 * What to show of the notifications that arrived together (a catch-up after
 * the browser or the worker was stopped): each once, in its latest form (a
 * burst may have grown it several times meanwhile), the newest few, and a
 * count of the rest.
 */
export function planCatchUp(arrived: readonly AppNotification[], max = MAX_SHOWN_AT_ONCE): CatchUpPlan {
  const latest = new Map<string, AppNotification>();
  for (const notification of arrived) {
    latest.delete(notification.id);
    latest.set(notification.id, notification);
  }
  const newestFirst = [...latest.values()].reverse();
  return { show: newestFirst.slice(0, max), more: Math.max(0, newestFirst.length - max) };
}

/** A notification seen before in a smaller form: its desktop notification is replaced without a sound. */
export function hasGrown(notification: AppNotification): boolean {
  return notification.updatedAt !== notification.createdAt;
}
