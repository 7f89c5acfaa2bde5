import { and, eq, isNull } from 'drizzle-orm';
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

/** The columns a watch can be bucketed by, most selective first; an event looks in each of its values' buckets. */
const KEYS = ['conversation', 'property', 'customer', 'event', 'section', 'category'] as const;
type Key = (typeof KEYS)[number];

const COLUMN: Record<Key, (event: WrittenEvent) => string | null> = {
  conversation: (e) => e.conversationId,
  property: (e) => e.property,
  customer: (e) => e.customerId,
  event: (e) => e.event,
  section: (e) => e.section,
  category: (e) => e.category,
};

/** The bucket a watch goes in: the first column (KEYS order) that it requires one of a few values of. */
function bucketOf(watch: ActiveWatch): { key: Key; values: string[] } | null {
  if (watch.subject) return { key: watch.subject.type === 'conversation' ? 'conversation' : 'customer', values: [watch.subject.id] };
  const f = watch.filter?.filters;
  if (!f) return null;
  for (const key of KEYS) {
    const values = f[key];
    // Customer names match by a lookup: only ids pin a customer.
    if (values && (key !== 'customer' || values.every((value) => ID_PATTERN.test(value)))) return { key, values: [...new Set(values)] };
  }
  return null;
}

/**
 * Buckets each watch under one column value it requires (a subject's or a
 * filter's conversation, a property, …): an event meets only the watches of
 * its own values' buckets and those that require none, so a workspace's
 * thousand watches cost a written event a few map lookups, not a thousand
 * tests.
 */
function bucketed(generation: number, active: ActiveWatch[]): WorkspaceWatches {
  const buckets = new Map<Key, Map<string, ActiveWatch[]>>(KEYS.map((key) => [key, new Map()]));
  const everywhere: ActiveWatch[] = [];
  for (const watch of active) {
    const bucket = bucketOf(watch);
    if (!bucket) {
      everywhere.push(watch);
      continue;
    }
    const byValue = buckets.get(bucket.key)!;
    for (const value of bucket.values) {
      const list = byValue.get(value);
      if (list) list.push(watch);
      else byValue.set(value, [watch]);
    }
  }
  const used = KEYS.filter((key) => buckets.get(key)!.size > 0).map((key) => ({ byValue: buckets.get(key)!, column: COLUMN[key] }));
  return {
    generation,
    count: active.length,
    *candidatesFor(event) {
      for (const { byValue, column } of used) {
        const value = column(event);
        if (value !== null) yield* byValue.get(value) ?? [];
      }
      yield* everywhere;
    },
  };
}
