import { sql } from 'drizzle-orm';
import { watchGenerations } from '../../db/schema';
import type { Tx } from '../../db/sql';

/**
 * Marks a workspace's watches changed, in the transaction of the change:
 * every process's cache of them (backend/notifications/match/cache.ts)
 * sees another generation on its next lookup and reloads. The generation
 * grows by a random step rather than by one, so a cache filled inside a
 * transaction that was rolled back, or from another database that holds the
 * same workspace id (the demo seed's ids are deterministic), never meets its
 * generation again.
 */
export async function bumpWatchGeneration(tx: Tx, orgId: string): Promise<void> {
  const step = 1 + Math.floor(Math.random() * 2 ** 30);
  await tx
    .insert(watchGenerations)
    .values({ orgId, generation: step })
    .onConflictDoUpdate({ target: watchGenerations.orgId, set: { generation: sql`${watchGenerations.generation} + ${step}` } });
}
