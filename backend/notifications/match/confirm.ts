import { sql, type SQL } from 'drizzle-orm';
import { readableFilter } from '../../entities/saved-views/readable-filter';
import { auditWhere } from '../../audit/query/where';
import { auditCategoriesOf } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { runSqlArrays, type Tx } from '../../db/sql';
import { ApiError } from '../../errors';
import { type ActiveWatch, parseFilter } from './active-watch';

/** A watch whose owner may read something, and the events of this write it may match. */
export interface Candidate {
  watch: ActiveWatch;
  owner: Principal;
  eventIds: string[];
}

/** Compound SELECTs per statement, under SQLite's default limit of 500. */
const PER_STATEMENT = 100;

/**
 * The events each candidate really matches: the log's own WHERE for the
 * owner (their role now) and the watch, over just this write's events, so a
 * watch matches exactly what the owner's GET /audit (or the subject's
 * history) would show. One statement for up to 100 candidates.
 */
export async function confirmMatches(tx: Tx, candidates: readonly Candidate[]): Promise<Map<ActiveWatch, Set<string>>> {
  const selects: SQL[] = [];
  const asked: Candidate[] = [];
  for (const candidate of candidates) {
    const where = await watchWhere(candidate.watch, candidate.owner);
    if (!where) continue;
    const ids = sql.join(candidate.eventIds.map((id) => sql`${id}`), sql`, `);
    selects.push(sql`select ${asked.length}, audit_events.id from audit_events where audit_events.id in (${ids}) and ${where}`);
    asked.push(candidate);
  }
  const matched = new Map<ActiveWatch, Set<string>>();
  for (let start = 0; start < selects.length; start += PER_STATEMENT) {
    const rows = await runSqlArrays(tx, sql.join(selects.slice(start, start + PER_STATEMENT), sql` union all `));
    for (const [index, id] of rows) {
      const { watch } = asked[Number(index)]!;
      const ids = matched.get(watch) ?? new Set<string>();
      ids.add(String(id));
      matched.set(watch, ids);
    }
  }
  return matched;
}

/**
 * The WHERE of what `watch` shows its owner now. A subject watch: the
 * subject's history (every role that may watch reads histories). A filter:
 * the log's filter narrowed to the categories the owner still reads (a
 * demoted owner's watch loses the categories of their former role, and
 * matches nothing when none is left) — never a refusal inside someone
 * else's write.
 */
export async function watchWhere(watch: ActiveWatch, owner: Principal): Promise<SQL | null> {
  if (watch.subject) {
    const { type, id, property } = watch.subject;
    return auditWhere(owner, property === null ? {} : { property: [property] }, { subject: { type, id } });
  }
  if (!watch.filter) return null;
  const readable = readableFilter(watch.filter.text, auditCategoriesOf(owner));
  if (readable.filter === null) return null;
  const filters = readable.filter === watch.filter.text ? watch.filter.filters : parseFilter(readable.filter);
  if (!filters) return null;
  try {
    return await auditWhere(owner, filters);
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}
