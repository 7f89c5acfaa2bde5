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
export function createPositionStore(): PositionStore {
  const itemOf = (key: FollowerKey) => `local:notificationPosition:${encodeURIComponent(key)}` as const;
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
