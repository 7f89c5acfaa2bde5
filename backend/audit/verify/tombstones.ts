import type { ChainQuery } from './source';

/*
 * A tombstone stands in the chain for an event retention removed from the
 * middle of the log (its category kept less long than a later event's): it
 * keeps the event's leaf and chain hash so the events after it still link.
 * Tombstones could hide a deletion, so each must be accounted for by the
 * purge that left it. The rule: the tombstones above the anchor that name
 * purge P are no more than the count P recorded, and P is an event of the
 * chain (a `purged` event, itself linked and hashed like any other).
 */

export async function tombstoneProblem(query: ChainQuery, orgId: string, anchorSeq: number): Promise<{ sequence: number; reason: string } | null> {
  const groups = await query(
    'select purge_id, count(*), min(seq) from audit_tombstones where org_id = ? and seq > ? group by purge_id order by min(seq)',
    [orgId, anchorSeq],
  );
  for (const [purgeId, count, firstSeq] of groups as Array<[string, number, number]>) {
    const rows = await query('select seq, event, context from audit_events where org_id = ? and id = ?', [orgId, purgeId]);
    const purge = rows[0];
    const first = Number(firstSeq);
    if (!purge || purge[0] === null || purge[1] !== 'purged') {
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

function recordedCount(context: unknown): number | null {
  if (typeof context !== 'string') return null;
  try {
    const value = JSON.parse(context) as { count?: unknown } | null;
    return typeof value?.count === 'number' ? value.count : null;
  } catch {
    return null;
  }
}
