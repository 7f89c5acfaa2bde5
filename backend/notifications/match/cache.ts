import { and, eq, isNull } from 'drizzle-orm';
import type { Category } from '../../../shared/enums';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { watches } from '../../db/schema';
import { rawHandleOf, type Tx } from '../../db/sql';
import { type ActiveWatch, activeWatchOf } from './active-watch';
import type { WrittenEvent } from './event';

/** A workspace's active watches, with the buckets that find an event's candidates without looking at every watch. */
export interface WorkspaceWatches {
  generation: number;
  count: number;
  candidatesFor(event: WrittenEvent): Iterable<ActiveWatch>;
}

const NONE: WorkspaceWatches = { generation: 0, count: 0, candidatesFor: () => [] };
const GENERATION_SQL = 'select generation from watch_generations where org_id = ?';

/*
 * Per process: each workspace's active (not paused, not deleted) watches,
 * kept until the workspace's generation (one primary-key lookup per call,
 * in the caller's transaction) says they changed, in this process or any
 * other sharing the database. Loads made inside a transaction see its own
 * uncommitted watches; the random steps of the generation (see
 * bumpWatchGeneration) keep such a load from ever passing for a committed one.
 */
const cache = new Map<string, WorkspaceWatches>();

/** The active watches of `orgId` as `tx` sees them. */
export async function workspaceWatches(tx: Tx, orgId: string): Promise<WorkspaceWatches> {
  const { rows } = await rawHandleOf(tx).execute({ sql: GENERATION_SQL, args: [orgId] });
  if (rows.length === 0) return NONE;
  const generation = Number(rows[0]![0]);
  const cached = cache.get(orgId);
  if (cached?.generation === generation) return cached;
  const stored = await tx
    .select()
    .from(watches)
    .where(and(eq(watches.orgId, orgId), isNull(watches.deletedAt), eq(watches.paused, false)));
  const loaded = bucketed(generation, stored.map(activeWatchOf).filter((watch) => watch !== null));
  cache.set(orgId, loaded);
  return loaded;
}

/**
 * Buckets each watch under the one column that best narrows it: a subject's
 * or filter's conversations, its customers (ids), its categories; the rest
 * are tried on every event.
 */
function bucketed(generation: number, active: ActiveWatch[]): WorkspaceWatches {
  const byConversation = new Map<string, ActiveWatch[]>();
  const byCustomer = new Map<string, ActiveWatch[]>();
  const byCategory = new Map<Category, ActiveWatch[]>();
  const everywhere: ActiveWatch[] = [];
  const put = <K>(map: Map<K, ActiveWatch[]>, key: K, watch: ActiveWatch) => {
    const list = map.get(key);
    if (list) list.push(watch);
    else map.set(key, [watch]);
  };
  for (const watch of active) {
    const f = watch.filter?.filters;
    if (watch.subject?.type === 'conversation') put(byConversation, watch.subject.id, watch);
    else if (watch.subject?.type === 'customer') put(byCustomer, watch.subject.id, watch);
    else if (f?.conversation) for (const id of new Set(f.conversation)) put(byConversation, id, watch);
    else if (f?.customer?.every((value) => ID_PATTERN.test(value))) for (const id of new Set(f.customer)) put(byCustomer, id, watch);
    else if (f?.category) for (const category of new Set(f.category)) put(byCategory, category, watch);
    else everywhere.push(watch);
  }
  return {
    generation,
    count: active.length,
    *candidatesFor(event) {
      if (event.conversationId !== null) yield* byConversation.get(event.conversationId) ?? [];
      if (event.customerId !== null) yield* byCustomer.get(event.customerId) ?? [];
      yield* byCategory.get(event.category) ?? [];
      yield* everywhere;
    },
  };
}
