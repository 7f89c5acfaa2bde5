import { and, eq, getTableColumns, getTableName, isNull, sql } from 'drizzle-orm';
import { QueryBuilder, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { InValue, Row } from '@libsql/client';
import { rawHandleOf, type Reader, runWrite, type Tx } from './sql';

/*
 * The audit engine's statements, built once per table and run on the raw
 * libSQL handle. Drizzle 0.45 spends ~12 µs per column building a query —
 * some 290 µs for one conversation read, six times the cost of running it —
 * and the engine runs the same few shapes on every write. The SQL still comes
 * from drizzle (reads) or from the schema's column names (writes), and values
 * still go through each column's own codec (JSON, timestamps, booleans).
 */

type Columns = Record<string, SQLiteColumn>;

interface TableStatements {
  table: SQLiteTable;
  columns: Array<[key: string, column: SQLiteColumn]>;
  selectLive?: string;
  insert: string;
  updates: Map<string, string>;
}

const compiled = new WeakMap<SQLiteTable, TableStatements>();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function statementsFor(table: SQLiteTable): TableStatements {
  let statements = compiled.get(table);
  if (statements) return statements;
  const entries = Object.entries(getTableColumns(table) as Columns);
  const names = entries.map(([, column]) => quote(column.name));
  const insert = `insert into ${quote(getTableName(table))} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`;
  statements = { table, columns: entries, insert, updates: new Map() };
  compiled.set(table, statements);
  return statements;
}

function encode(column: SQLiteColumn, value: unknown): InValue {
  if (value === null || value === undefined) return null;
  return column.mapToDriverValue(value) as InValue;
}

function decode<T>(statements: TableStatements, row: Row): T {
  const out: Record<string, unknown> = {};
  for (const [key, column] of statements.columns) {
    const value = row[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T;
}

function selectLiveSql(statements: TableStatements): string {
  if (statements.selectLive) return statements.selectLive;
  const { id, orgId, deletedAt } = getTableColumns(statements.table) as Columns;
  if (!id || !orgId || !deletedAt) throw new Error(`${getTableName(statements.table)} is not an audited table`);
  statements.selectLive = new QueryBuilder()
    .select()
    .from(statements.table)
    // `id` is the primary key: no LIMIT (drizzle would make it a third parameter).
    .where(and(eq(id, sql.placeholder('id')), eq(orgId, sql.placeholder('orgId')), isNull(deletedAt)))
    .toSQL().sql;
  return statements.selectLive;
}

/** The live (not deleted) row of `table` with this id in the org, or undefined. */
export async function selectLiveRow<T>(db: Reader | Tx, table: SQLiteTable, id: string, orgId: string): Promise<T | undefined> {
  const statements = statementsFor(table);
  const { rows } = await rawHandleOf(db).execute({ sql: selectLiveSql(statements), args: [id, orgId] });
  return rows[0] ? decode<T>(statements, rows[0]) : undefined;
}

/** Inserts every column of `row` (absent ones as NULL). */
export async function insertRow(tx: Tx, table: SQLiteTable, row: Record<string, unknown>): Promise<void> {
  const statements = statementsFor(table);
  const args = statements.columns.map(([key, column]) => encode(column, row[key]));
  await runWrite(tx, { sql: statements.insert, args });
}

/** Sets `values` on the row with this id in the org. */
export async function updateRow(
  tx: Tx,
  table: SQLiteTable,
  id: string,
  orgId: string,
  values: Record<string, unknown>,
): Promise<void> {
  const statements = statementsFor(table);
  const columns = getTableColumns(table) as Columns;
  const keys = Object.keys(values).sort();
  const shape = keys.join(',');
  let text = statements.updates.get(shape);
  if (!text) {
    const set = keys.map((key) => `${quote(columns[key]!.name)} = ?`).join(', ');
    text = `update ${quote(getTableName(table))} set ${set} where "id" = ? and "org_id" = ?`;
    statements.updates.set(shape, text);
  }
  const args = keys.map((key) => encode(columns[key]!, values[key]));
  await runWrite(tx, { sql: text, args: [...args, id, orgId] });
}

/** Inserts several rows of `table` in one statement. */
export async function insertRows(tx: Tx, table: SQLiteTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = statementsFor(table);
  const placeholders = `(${statements.columns.map(() => '?').join(', ')})`;
  const text = `${statements.insert.slice(0, statements.insert.indexOf(' values '))} values ${Array(rows.length).fill(placeholders).join(', ')}`;
  const args = rows.flatMap((row) => statements.columns.map(([key, column]) => encode(column, row[key])));
  await runWrite(tx, { sql: text, args });
}
