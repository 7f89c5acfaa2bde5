import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Person } from '../../auth/principal';
import { watches } from '../../db/schema';
import type { Reader, Tx } from '../../db/sql';
import { ApiError } from '../../errors';
import type { WatchRow } from './columns';

/** The person a watches request is for. */
export type Watcher = Person;

function ownedBy(watcher: Watcher) {
  return and(eq(watches.orgId, watcher.orgId), eq(watches.ownerId, watcher.userId), isNull(watches.deletedAt));
}

/** The watcher's live watches, newest first. Nobody sees another person's watches. */
export function ownWatches(db: Reader | Tx, watcher: Watcher): Promise<WatchRow[]> {
  return db.select().from(watches).where(ownedBy(watcher)).orderBy(desc(watches.createdAt), desc(watches.id));
}

/** One of the watcher's watches; 404 for any other, someone else's included. */
export async function getOwnWatch(db: Reader | Tx, watcher: Watcher, id: string): Promise<WatchRow> {
  const [row] = await db
    .select()
    .from(watches)
    .where(and(eq(watches.id, id), ownedBy(watcher)));
  if (!row) throw ApiError.notFound('watch');
  return row;
}
