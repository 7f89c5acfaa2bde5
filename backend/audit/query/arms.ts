import { sql, type SQL } from 'drizzle-orm';
import type { AuditFilters } from '../../../shared/schemas/audit';
import { ID_PATTERN } from '../../../shared/schemas/common';
import type { Principal } from '../../auth/principal';
import { type Reader, runSql } from '../../db/sql';
import { auditWhere, unique } from './where';

/**
 * A filter split into index arms: `rest` is the filter without the split
 * field, and a row matches the filter when it matches `rest` and any one
 * term of `arms`. Each arm is one equality on the leading column of an
 * audit index (org, X, occurred_at, id), so each walks its index already
 * newest first and a page merges the arms and stops after a page.
 */
export interface IndexArms {
  rest: AuditFilters;
  arms: SQL[];
}

/**
 * SQLite walks an index in order only for ONE value of its column: with
 * several (`actor_id in (…)`) or an OR of two columns (a name recorded on
 * the row or a current user's name) it either sorts every matching row or
 * walks the whole log by time testing each row, which for a rare actor of a
 * large log is a scan of all of it. Splitting into arms keeps every page an
 * index walk of about one page per arm.
 *
 * Split: the Performed By filter when it has a name or several ids (a name
 * becomes its recorded-name arm plus one arm per user or API key of the org
 * whose current name it is, looked up now), otherwise a Conversation filter
 * of several ids. Undefined when one index already serves the filter.
 */
export async function indexArmsOf(db: Reader, orgId: string, filters: AuditFilters): Promise<IndexArms | undefined> {
  const { actor, conversation } = filters;
  if (actor && (actor.length > 1 || !ID_PATTERN.test(actor[0]!))) {
    const { actor: _split, ...rest } = filters;
    const ids = actor.filter((value) => ID_PATTERN.test(value));
    const names = unique(actor.filter((value) => !ID_PATTERN.test(value)));
    const current = await idsByCurrentName(db, orgId, names);
    return {
      rest,
      arms: [
        ...unique([...ids, ...current]).map((id) => sql`audit_events.actor_id = ${id}`),
        ...names.map((name) => sql`audit_events.actor_name = ${name} collate nocase`),
      ],
    };
  }
  if (conversation && unique(conversation).length > 1) {
    const { conversation: _split, ...rest } = filters;
    return { rest, arms: unique(conversation).map((id) => sql`audit_events.conversation_id = ${id}`) };
  }
  return undefined;
}

/**
 * The newest `limit` rows matching `where` and any arm: each arm walks its
 * own index newest first (positions only, from the index), a UNION merges
 * them in order (a row two arms share counts once) and stops at `limit`;
 * only then are those rows read (and that page sorted once more: the join
 * does not promise the merge's order).
 */
export function mergedArmsQuery(select: SQL, where: SQL, arms: SQL[], limit: number): SQL {
  return sql`select ${select} from (${armPositions(where, arms)} order by t desc, i desc limit ${limit}) as page
    join audit_events on audit_events.id = page.i order by page.t desc, page.i desc`;
}

/**
 * The positions (t: occurred_at, i: id) of the rows the filter matches, as
 * a FROM source for counting them. A filter naming an actor is split into
 * arms, each read from its index alone; unsplit, an actor's name is an OR
 * that SQLite answers by reading every row of the org. Several ids are not
 * split here: one index serves their IN when nothing needs ordering.
 */
export async function matchingPositions(db: Reader, principal: Principal, filters: AuditFilters): Promise<SQL> {
  const split = filters.actor?.some((value) => !ID_PATTERN.test(value)) ? await indexArmsOf(db, principal.orgId, filters) : undefined;
  if (split) return sql`(${armPositions(await auditWhere(principal, split.rest), split.arms)}) as matching`;
  return sql`(select audit_events.occurred_at as t, audit_events.id as i from audit_events where ${await auditWhere(principal, filters)}) as matching`;
}

/** The UNION of the arms' positions: a row two arms share counts once. */
function armPositions(where: SQL, arms: SQL[]): SQL {
  // Only the order's columns: UNION compares whole rows, so any other column would have to be sorted too.
  const positions = arms.map((arm) => sql`select audit_events.occurred_at as t, audit_events.id as i from audit_events where ${where} and ${arm}`);
  return sql.join(positions, sql` union `);
}

/** The users and API keys of the org whose current name is one of `names` (NOCASE, as the filter matches). */
async function idsByCurrentName(db: Reader, orgId: string, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const list = sql.join(
    names.map((name) => sql`${name}`),
    sql`, `,
  );
  const rows = await runSql(
    db,
    sql`select id from users where org_id = ${orgId} and name collate nocase in (${list})
        union select id from api_keys where org_id = ${orgId} and name collate nocase in (${list})`,
  );
  return rows.map((row) => String(row.id));
}
