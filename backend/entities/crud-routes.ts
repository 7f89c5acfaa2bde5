import { and, desc, eq, getTableColumns, isNull, lt, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../shared/schemas/safe-string';
import { IdParam, PageQuery } from '../../shared/schemas/common';
import type { AuditContext } from '../audit/context';
import type { EntityDefinition } from '../audit/definition';
import {
  type ChangeOptions,
  createEntity,
  deleteEntity,
  type EntityPatch,
  getEntity,
  type NewEntity,
  updateEntity,
} from '../audit/engine';
import { principalOf } from '../auth/authenticate';
import type { Permission } from '../auth/permissions';
import { requires } from '../auth/require';
import type { Tx } from '../db/sql';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { decodeIdCursor, encodeIdCursor } from './id-cursor';
import { presentEntity } from './present';

type Row<T extends SQLiteTable> = T['$inferSelect'];

export interface CrudSpec<T extends SQLiteTable, C extends v.GenericSchema, P extends v.GenericSchema> {
  def: EntityDefinition<T>;
  create: C;
  patch: P;
  read: Permission;
  write: Permission;
  /** Columns that `?q=` matches (case-insensitive substring). */
  searchable?: (q: string) => SQL | undefined;
  /** Turns a valid create body into the new row, checking references in the org. */
  toNew?: (tx: Tx, ctx: AuditContext, input: v.InferOutput<C>) => Promise<NewEntity<T>>;
  /** Turns a valid patch body into the patch, checking references and derived fields. */
  toPatch?: (tx: Tx, ctx: AuditContext, input: v.InferOutput<P>, current: Row<T>) => Promise<EntityPatch<T>>;
  /** Where PATCH files its rows when not where `def` says (saved-search edits go to search settings). */
  updateOptions?: ChangeOptions;
}

const ListQuery = v.strictObject({ q: v.optional(v.pipe(SafeString, v.trim(), v.maxLength(200))), ...PageQuery });

/**
 * List, read, create, update and delete for one audited object type, all
 * through the audit engine. Domain routers mount this and add their own
 * actions (merge, enable, redact…).
 */
export function crudRoutes<T extends SQLiteTable, C extends v.GenericSchema, P extends v.GenericSchema>(
  deps: AppDeps,
  spec: CrudSpec<T, C, P>,
) {
  const { def } = spec;
  const columns = getTableColumns(def.table) as Record<string, SQLiteColumn>;

  return new Hono<AppEnv>()
    .get('/', requires(spec.read), validate('query', ListQuery), async (c) => {
      const { q, limit, cursor } = c.req.valid('query');
      const orgId = principalOf(c).orgId;
      const filters = [eq(columns.orgId!, orgId), isNull(columns.deletedAt!)];
      if (cursor) filters.push(lt(columns.id!, decodeIdCursor(cursor)));
      const search = q ? spec.searchable?.(q) : undefined;
      if (search) filters.push(search);
      const rows = (await deps.db.reader
        .select()
        .from(def.table as SQLiteTable)
        .where(and(...filters))
        .orderBy(desc(columns.id!))
        .limit(limit + 1)) as Row<T>[];
      const page = rows.slice(0, limit);
      const last = page.at(-1) as { id: string } | undefined;
      return c.json({
        items: page.map((row) => presentEntity(row as Record<string, unknown>)),
        nextCursor: rows.length > limit && last ? encodeIdCursor(last.id) : null,
      });
    })
    .post('/', requires(spec.write), validate('json', spec.create), async (c) => {
      const input = c.req.valid('json') as v.InferOutput<C>;
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run(async (tx) => {
        const values = spec.toNew ? await spec.toNew(tx, ctx, input) : (input as NewEntity<T>);
        return createEntity(tx, ctx, def, values);
      });
      return c.json(presentEntity(row as Record<string, unknown>), 201);
    })
    .get('/:id', requires(spec.read), validate('param', IdParam), async (c) => {
      const row = await getEntity(deps.db.reader, principalOf(c).orgId, def, c.req.valid('param').id);
      return c.json(presentEntity(row as Record<string, unknown>));
    })
    .patch('/:id', requires(spec.write), validate('param', IdParam), validate('json', spec.patch), async (c) => {
      const input = c.req.valid('json') as v.InferOutput<P>;
      const { id } = c.req.valid('param');
      const ctx = auditContext(c, deps);
      const { row } = await deps.writes.run(async (tx) => {
        const { toPatch } = spec;
        const change = toPatch ? (current: Row<T>) => toPatch(tx, ctx, input, current) : (input as EntityPatch<T>);
        return updateEntity(tx, ctx, def, id, change, spec.updateOptions);
      });
      return c.json(presentEntity(row as Record<string, unknown>));
    })
    .delete('/:id', requires(spec.write), validate('param', IdParam), async (c) => {
      const ctx = auditContext(c, deps);
      await deps.writes.run((tx) => deleteEntity(tx, ctx, def, c.req.valid('param').id));
      return c.body(null, 204);
    });
}
