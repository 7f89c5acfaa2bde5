import type { ChainQuery } from './source';

/*
 * A tombstone stands in the chain for an event retention removed from the
 * middle of the log (its category kept less long than a later event's): it
 * keeps the event's leaf and chain hash so the events after it still link.
 * Tombstones could hide a deletion, so each must be accounted for by the
 * purge that left it. The rule: the tombstones above the anchor that name
 * purge P are no more than P recorded (its context's `tombstones`, or its
 * `count` of removed events when it recorded no tombstone count), and P is
 * a `purged` event of the chain, after them (itself linked and hashed like
 * any other event).
 *
 * The anchor (the last link of the purged prefix, where the chain verifies
 * from) is the one the newest purge recorded in its context: moving it on
 * would hide deleted events at the start of the log.
 */

export async function tombstoneProblem(query: ChainQuery, orgId: string, anchorSeq: number): Promise<{ sequence: number; reason: string } | null> {
  const groups = await query(
    'select purge_id, count(*), min(seq), max(seq) from audit_tombstones where org_id = ? and seq > ? group by purge_id order by min(seq)',
    [orgId, anchorSeq],
  );
  for (const [purgeId, count, firstSeq, lastSeq] of groups as Array<[string, number, number, number]>) {
    const rows = await query('select seq, event, context from audit_events where org_id = ? and id = ?', [orgId, purgeId]);
    const purge = rows[0];
    const first = Number(firstSeq);
    if (!purge || purge[0] === null || purge[1] !== 'purged' || Number(purge[0]) < Number(lastSeq)) {
      return { sequence: first, reason: `the tombstone of event ${first} names a purge (${purgeId}) that is not an event of the chain` };
    }
    const recorded = recordedCount(purge[2]);
    if (recorded === null || Number(count) > recorded) {
      return {
        sequence: first,
        reason: `${Number(count)} tombstones name purge event ${Number(purge[0])}, which recorded ${recorded ?? 'no'} removed events`,
      };
    }
  }
  return null;
}

interface PurgeContext {
  count?: unknown;
  tombstones?: unknown;
  anchor?: { seq?: unknown; hash?: unknown } | null;
}

function purgeContext(context: unknown): PurgeContext | null {
  if (typeof context !== 'string') return null;
  try {
    const value = JSON.parse(context) as PurgeContext | null;
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

function recordedCount(context: unknown): number | null {
  const value = purgeContext(context);
  if (typeof value?.tombstones === 'number') return value.tombstones;
  return typeof value?.count === 'number' ? value.count : null;
}

/** Whether the anchor is where the newest purge recorded it (null when it is; a finding when not). */
export async function anchorProblem(query: ChainQuery, orgId: string, anchorSeq: number, anchorHash: Buffer | null): Promise<{ sequence: number; reason: string } | null> {
  if (anchorSeq === 0) return null;
  const rows = await query(`select context from audit_events where org_id = ? and event = 'purged' and seq > ? order by seq desc limit 1`, [orgId, anchorSeq]);
  const recorded = purgeContext(rows[0]?.[0])?.anchor;
  if (recorded && recorded.seq === anchorSeq && recorded.hash === anchorHash?.toString('hex')) return null;
  return { sequence: anchorSeq + 1, reason: `the log starts after event ${anchorSeq}, but no purge recorded that anchor: events before it may have been deleted` };
}
