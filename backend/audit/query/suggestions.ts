import { sql, type SQL } from 'drizzle-orm';
import { runSql, type Reader } from '../../db/sql';
import { NEWEST_FIRST } from './where';

/**
 * The filter bar's suggestions (who acted, which sections and properties
 * occur) are read from the newest matching rows only. Grouping a whole
 * million-row log took seconds and held the reader meanwhile, so every
 * other request of the server waited behind a list of names; the newest
 * rows walk an index in order and stop. Each answer says whether it saw
 * every matching row (`complete`) so its counts are not taken for totals.
 */
export const SUGGESTION_ROWS = 20_000;
const MAX_VALUES = 200;

export interface Suggestions<T> {
  items: T[];
  /** False when the newest `SUGGESTION_ROWS` rows were read and more may match: the counts are then over those rows. */
  complete: boolean;
}

/**
 * Groups the newest `rows` matching rows with `query`, which must select
 * `sum(count(*)) over () as seen` (evaluated before its LIMIT): fewer rows
 * seen than read means every matching row was seen.
 */
async function grouped(db: Reader, where: SQL, rows: number, columns: SQL, query: (sample: SQL) => SQL) {
  const sample = sql`(select ${columns}, audit_events.occurred_at as occurred_at from audit_events where ${where} order by ${NEWEST_FIRST} limit ${rows})`;
  const found = await runSql(db, query(sample));
  return { rows: found, complete: Number(found[0]?.seen ?? 0) < rows };
}

export interface ActorSuggestion {
  actor: { type: string; id: string | null; name: string };
  count: number;
  lastAt: string;
}

/** Who acted in the newest matching rows, most active first, each with the name of their latest row. */
export async function actorSuggestions(db: Reader, where: SQL, rows = SUGGESTION_ROWS): Promise<Suggestions<ActorSuggestion>> {
  const found = await grouped(db, where, rows, sql`audit_events.actor_type as actor_type, audit_events.actor_id as actor_id, audit_events.actor_name as actor_name`, (sample) =>
    // The bare actor_name comes from the row holding max(occurred_at): the actor's latest name.
    sql`select actor_type, actor_id, actor_name, max(occurred_at) as last_at, count(*) as n, sum(count(*)) over () as seen from ${sample}
        group by actor_type, actor_id order by n desc, actor_name limit ${MAX_VALUES}`,
  );
  return {
    complete: found.complete,
    items: found.rows.map((r) => ({
      actor: { type: String(r.actor_type), id: r.actor_id === null ? null : String(r.actor_id), name: String(r.actor_name) },
      count: Number(r.n),
      lastAt: new Date(Number(r.last_at)).toISOString(),
    })),
  };
}

/** The sections of the newest matching rows, most frequent first. */
export async function sectionSuggestions(db: Reader, where: SQL, rows = SUGGESTION_ROWS): Promise<Suggestions<{ section: string; count: number }>> {
  const found = await grouped(db, where, rows, sql`audit_events.section as section`, (sample) =>
    sql`select section, count(*) as n, sum(count(*)) over () as seen from ${sample} group by section order by n desc, section`,
  );
  return { complete: found.complete, items: found.rows.map((r) => ({ section: String(r.section), count: Number(r.n) })) };
}

/** The properties changed in the newest matching rows, most frequent first. */
export async function propertySuggestions(db: Reader, where: SQL, rows = SUGGESTION_ROWS): Promise<Suggestions<{ property: string; count: number }>> {
  const withProperty = sql`${where} and audit_events.property is not null`;
  const found = await grouped(db, withProperty, rows, sql`audit_events.property as property`, (sample) =>
    sql`select property, count(*) as n, sum(count(*)) over () as seen from ${sample}
        group by property order by n desc, property limit ${MAX_VALUES}`,
  );
  return { complete: found.complete, items: found.rows.map((r) => ({ property: String(r.property), count: Number(r.n) })) };
}
