import { and, desc, eq, lt } from 'drizzle-orm';
import { auditCheckpoints } from '../../db/schema';
import type { Reader, Tx } from '../../db/sql';

export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

/*
 * A workspace's checkpoints in the order they were signed: `signed_at`
 * strictly increases within a workspace (sign.ts makes it so) and `seq`
 * never decreases with it (a chain head only moves forward), so "newest"
 * is the largest (seq, signed_at), and `signed_at` alone places a
 * checkpoint in the list.
 */

const NEWEST_FIRST = [desc(auditCheckpoints.seq), desc(auditCheckpoints.signedAt), desc(auditCheckpoints.id)] as const;

/** The workspace's newest checkpoint: the one the next names as `previous`. */
export async function latestCheckpointOf(db: Reader | Tx, orgId: string): Promise<CheckpointRow | null> {
  const [row] = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.orgId, orgId))
    .orderBy(...NEWEST_FIRST)
    .limit(1);
  return row ?? null;
}

/** One checkpoint of the workspace; another workspace's id finds nothing. */
export async function checkpointOf(db: Reader | Tx, orgId: string, id: string): Promise<CheckpointRow | null> {
  const [row] = await db
    .select()
    .from(auditCheckpoints)
    .where(and(eq(auditCheckpoints.orgId, orgId), eq(auditCheckpoints.id, id)))
    .limit(1);
  return row ?? null;
}

/** Up to `limit` checkpoints signed before `beforeSignedAt` (all when undefined), newest first. */
export function listCheckpoints(db: Reader, orgId: string, options: { beforeSignedAt?: number | undefined; limit: number }): Promise<CheckpointRow[]> {
  const where =
    options.beforeSignedAt === undefined
      ? eq(auditCheckpoints.orgId, orgId)
      : and(eq(auditCheckpoints.orgId, orgId), lt(auditCheckpoints.signedAt, options.beforeSignedAt));
  return db
    .select()
    .from(auditCheckpoints)
    .where(where)
    .orderBy(...NEWEST_FIRST)
    .limit(options.limit);
}
