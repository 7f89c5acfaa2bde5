import { sql, type SQL } from 'drizzle-orm';
import { type Reader, runSqlArrays } from '../../db/sql';
import { NEWEST_FIRST } from './where';

export interface SearchTuning {
  /** Up to this many matches in all, a search sorts them (cheap when there are few). */
  sortAtMost: number;
  /** With more, it walks the newest this-many rows of the filters' index first. */
  window: number;
}

/** Measured at 1M rows: either way a page costs under ~10 ms at the switch-over point. */
const TUNING: SearchTuning = { sortAtMost: 2_000, window: 10_000 };

/**
 * The rowids of the newest `limit` rows that match `where` and the FTS5
 * expression `match`, newest first. Two ways to get them, chosen by how many
 * rows the words match:
 *
 * - few (≤ sortAtMost): read each match's (occurred_at, id) and sort. Each
 *   match is a table lookup (~2.7 µs at 1M rows), so this grows with matches:
 *   ~27 ms for a word in 1% of a million rows.
 * - many: walk the filters' index newest first and keep the rows whose rowid
 *   is among the matches (materialized once), stopping at `limit`: ~5,100
 *   index entries for that same word, ~3 ms. A walk is only fast while
 *   matches are dense among recent rows, so it is bounded to the newest
 *   `window` rows of the filters; matches older than those are sorted as above.
 */
export async function searchRowids(db: Reader, where: SQL, match: string, limit: number, tuning = TUNING): Promise<number[]> {
  const matches = sql`select rowid from audit_search where audit_search match ${match}`;
  const [counted] = await runSqlArrays(db, sql`select count(*) from (${matches} limit ${tuning.sortAtMost + 1})`);
  if (Number(counted?.[0]) <= tuning.sortAtMost) return sortedMatches(db, where, matches, limit);

  const [edge] = await runSqlArrays(db, sql`select audit_events.occurred_at, audit_events.id from audit_events where ${where} order by ${NEWEST_FIRST} limit 1 offset ${tuning.window - 1}`);
  const window = edge ? sql` and (audit_events.occurred_at, audit_events.id) >= (${edge[0]}, ${edge[1]})` : sql``;
  // `+rowid` keeps the planner from driving the query from the match list: it must walk an index in order.
  const recent = await rowidsOf(
    db,
    sql`select audit_events.rowid from audit_events where ${where}${window} and +audit_events.rowid in (${matches}) order by ${NEWEST_FIRST} limit ${limit}`,
  );
  if (recent.length === limit || !edge) return recent;
  const older = sql`${where} and (audit_events.occurred_at, audit_events.id) < (${edge[0]}, ${edge[1]})`;
  return [...recent, ...(await sortedMatches(db, older, matches, limit - recent.length))];
}

function sortedMatches(db: Reader, where: SQL, matches: SQL, limit: number): Promise<number[]> {
  return rowidsOf(db, sql`select audit_events.rowid from audit_events where ${where} and audit_events.rowid in (${matches}) order by ${NEWEST_FIRST} limit ${limit}`);
}

async function rowidsOf(db: Reader, query: SQL): Promise<number[]> {
  return (await runSqlArrays(db, query)).map((row) => Number(row[0]));
}
