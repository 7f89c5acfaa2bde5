import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableColumns } from 'drizzle-orm';
import type { Tx } from '../db/sql';
import { ApiError } from '../errors';

/**
 * Answers 400 unless every id names a live row of `table` in the org. Bodies
 * that point at another workspace's objects are refused the same way as
 * bodies that point at nothing.
 */
export async function assertReferences(
  tx: Tx,
  orgId: string,
  table: SQLiteTable,
  field: string,
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return;
  const c = getTableColumns(table) as Record<string, SQLiteColumn>;
  const live = 'deletedAt' in c ? [isNull(c.deletedAt!)] : [];
  const found = await tx
    .select({ id: c.id! })
    .from(table)
    .where(and(eq(c.orgId!, orgId), inArray(c.id!, wanted), ...live));
  const known = new Set(found.map((r) => r.id as string));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw ApiError.badRequest(`${field} names something that does not exist (or no longer does).`, [
      { path: field, message: `unknown id: ${missing.join(', ')}` },
    ]);
  }
}
