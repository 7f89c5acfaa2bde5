import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { StoredSession } from '../session/session-items';

/** Whose stream a position belongs to: one person on one backend. */
export type FollowerKey = `${string} ${string}`;

export function followerKeyOf(session: StoredSession): FollowerKey {
  return `${session.backendUrl} ${session.user.id}`;
}

export interface PositionStore {
  /** The last stream entry handled for this person, or null before the first. */
  read(key: FollowerKey): Promise<number | null>;
  save(key: FollowerKey, seq: number): Promise<void>;
}

/**
 * Each person's position in their notification stream, in storage.local:
 * it outlives the browser (the session does not), so after a restart and a
 * new sign-in the background catches up on what happened meanwhile, and
 * shows nothing it showed before.
 */
const ITEM_PREFIX = 'notificationPosition:';

/**
 * Calls `listener` whenever the background moves anyone's position, i.e.
 * has handled a new entry of a notification stream (the open popup then
 * shows it). Returns the unsubscribe function.
 */
export function onPositionMoved(listener: () => void): () => void {
  const changed = (changes: Record<string, unknown>) => {
    if (Object.keys(changes).some((key) => key.startsWith(ITEM_PREFIX))) listener();
  };
  browser.storage.local.onChanged.addListener(changed);
  return () => browser.storage.local.onChanged.removeListener(changed);
}

export function createPositionStore(): PositionStore {
  const itemOf = (key: FollowerKey) => `local:${ITEM_PREFIX}${encodeURIComponent(key)}` as const;
  return {
    async read(key) {
      const seq = await storage.getItem<number>(itemOf(key));
      return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
    },
    async save(key, seq) {
      await storage.setItem<number>(itemOf(key), seq);
    },
  };
}
