import type { Principal } from '../../auth/principal';
import type { Tx } from '../../db/sql';
import type { ActiveWatch } from './active-watch';
import { workspaceWatches } from './cache';
import { type Candidate, confirmMatches } from './confirm';
import { deliver } from './deliver';
import type { WrittenEvent } from './event';
import { ownersNow } from './owners';
import { mayMatch } from './prefilter';
import { auditCategoriesOf } from '../../auth/permissions';

export type { WrittenEvent } from './event';

/**
 * Matches the events one appendAudit call has just written against the
 * workspace's watches, in the same transaction, so a match commits or rolls
 * back with its events and is on its owner's stream as soon as they commit.
 * A workspace none of whose watches can match costs one indexed lookup
 * (the generation) and in-memory checks; the database is asked only about
 * the candidates: their owners as they are now, then the log's WHERE over
 * these events.
 */
export async function matchWatches(tx: Tx, events: readonly WrittenEvent[], newId: () => string): Promise<void> {
  const first = events[0];
  if (!first) return;
  const active = await workspaceWatches(tx, first.orgId);
  if (active.count === 0) return;

  const maybe = new Map<ActiveWatch, WrittenEvent[]>();
  for (const event of events) {
    for (const watch of active.candidatesFor(event)) {
      if (!mayMatch(watch, event)) continue;
      const list = maybe.get(watch);
      if (list) list.push(event);
      else maybe.set(watch, [event]);
    }
  }
  if (maybe.size === 0) return;

  const owners = await ownersNow(tx, first.orgId, [...new Set([...maybe.keys()].map((watch) => watch.ownerId))]);
  const candidates: Candidate[] = [];
  for (const [watch, maybeEvents] of maybe) {
    const owner = owners.get(watch.ownerId);
    if (!owner) continue;
    // Outside a subject's history, the owner's role bounds the categories a watch sees.
    const readable = auditCategoriesOf(owner);
    const seen = watch.subject ? maybeEvents : maybeEvents.filter((event) => readable.includes(event.category));
    if (seen.length > 0) candidates.push({ watch, owner, eventIds: seen.map((event) => event.id) });
  }
  if (candidates.length === 0) return;

  const confirmed = await confirmMatches(tx, candidates);
  for (const { watch, owner } of candidates) {
    const ids = confirmed.get(watch);
    if (!ids) continue;
    await deliver({ tx, watch, owner: owner satisfies Principal, events: events.filter((event) => ids.has(event.id)), newId });
  }
}
