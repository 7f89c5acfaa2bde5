import { storage } from 'wxt/utils/storage';
import type { SubjectKey } from './subject-key';

interface StoredCursor {
  lastEventId: string;
  savedAt: number;
}

/**
 * How long a saved position stays worth resuming from. It bridges the MV3
 * worker being stopped and restarted while a panel is open (seconds); a
 * position older than this belongs to a panel closed long ago, and replaying
 * everything since would show old changes as if they had just happened.
 */
export const CURSOR_FRESH_MS = 10 * 60_000;

export interface CursorStore<K extends string = SubjectKey> {
  /** The last event id delivered (or shown) for a subject, if recent. */
  read(key: K): Promise<string | null>;
  save(key: K, lastEventId: string): Promise<void>;
  forget(key: K): Promise<void>;
}

/**
 * Each subject's stream position, in storage.session (one key per subject,
 * so concurrent streams never overwrite each other's), so a restarted worker
 * resumes where the stopped one left off: nothing missed, nothing repeated.
 */
export function createCursorStore(now: () => number = Date.now): CursorStore {
  const keyOf = (key: SubjectKey) => `session:liveCursor:${key}` as const;
  return {
    async read(key) {
      const cursor = await storage.getItem<StoredCursor>(keyOf(key));
      return cursor && now() - cursor.savedAt < CURSOR_FRESH_MS ? cursor.lastEventId : null;
    },
    async save(key, lastEventId) {
      await storage.setItem<StoredCursor>(keyOf(key), { lastEventId, savedAt: now() });
    },
    async forget(key) {
      await storage.removeItem(keyOf(key));
    },
  };
}
