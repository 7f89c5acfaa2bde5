import { and, eq, inArray, sql } from 'drizzle-orm';
import { type SQLiteColumn, type SQLiteTable, unionAll } from 'drizzle-orm/sqlite-core';
import type { NamedObject, NamedType } from '../../shared/schemas/names';
import { can, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Reader, Tx } from '../db/sql';
import { apiKeys, businessRules, companies, conversations, customers, queues, savedSearches, shortcuts, teams, users, workflows } from '../db/schema';

interface NamedTable {
  type: NamedType;
  table: SQLiteTable & { id: SQLiteColumn; orgId: SQLiteColumn; name: SQLiteColumn };
  /** Beyond reading a subject's history: names only those who may see the objects themselves are told. */
  permission?: Permission;
}

/**
 * Every table whose rows an audit value may point at by id and that has a
 * name. Disabled users and deleted rows are kept: the history still shows
 * what they were called.
 */
const NAMED_TABLES: readonly NamedTable[] = [
  { type: 'user', table: users },
  { type: 'team', table: teams },
  { type: 'queue', table: queues },
  { type: 'customer', table: customers },
  { type: 'company', table: companies },
  { type: 'conversation', table: conversations },
  { type: 'shortcut', table: shortcuts },
  { type: 'saved_search', table: savedSearches },
  { type: 'business_rule', table: businessRules, permission: 'settings:write' },
  { type: 'workflow', table: workflows, permission: 'settings:write' },
  { type: 'api_key', table: apiKeys, permission: 'access:manage' },
];

/**
 * The names of `ids` within the caller's org, by id. Ids of another org, of
 * objects the caller's role may not see, and ids that name nothing are
 * simply absent: the answer does not tell them apart. Inside a write
 * (a notification's words) `db` is its transaction.
 */
export async function namesOf(db: Reader | Tx, principal: Principal, ids: readonly string[]): Promise<Record<string, NamedObject>> {
  const wanted = [...new Set(ids)];
  const [first, second, ...rest] = NAMED_TABLES.filter((entry) => !entry.permission || can(principal, entry.permission)).map(({ type, table }) =>
    db
      .select({ type: sql<NamedType>`${type}`.as('type'), id: sql<string>`${table.id}`.as('id'), name: sql<string>`${table.name}`.as('name') })
      .from(table)
      .where(and(eq(table.orgId, principal.orgId), inArray(table.id, wanted))),
  );
  // Every role may read at least the support objects, so there are always two queries to join.
  if (!first || !second) throw new Error('names: fewer than two named tables');
  const rows = await unionAll(first, second, ...rest);
  return Object.fromEntries(rows.map((row) => [row.id, { type: row.type, name: row.name }]));
}
