import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { AuditFilterFields, AuditFilterQuery } from '../../shared/schemas/audit';
import { Text } from '../../shared/schemas/common';
import { NamesQuery } from '../../shared/schemas/names';
import { principalOf } from '../auth/authenticate';
import { auditCategoriesOf } from '../auth/permissions';
import { customers } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { assertCategoryReadable } from '../http/audit-category';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { requires } from '../auth/require';
import { validate } from '../http/validate';
import { namesOf } from './names';
import { runSql } from '../db/sql';
import { auditWhere } from './query/where';

const ActivityQuery = v.strictObject({ ...AuditFilterFields, bucket: v.optional(v.picklist(['minute', 'hour', 'day']), 'day') });
const CustomerPrefixQuery = v.strictObject({ prefix: Text(100) });

const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
/** Enough for a chart: 1,000 minutes is almost 17 hours, 1,000 hours six weeks, 1,000 days almost three years. */
const MAX_BUCKETS = 1000;
const MAX_VALUES = 200;

/**
 * What the log's filter bar offers, counted over the caller's filtered rows
 * (the same role narrowing as `GET /audit`): who performed changes
 * (users and automations), which sections and properties occur, customer
 * names to pick from, counts per minute, hour or day for an activity chart, and
 * the names of the objects that Before/After values point at by id.
 * All under `/audit/…` (see the audit router). Each checks
 * sign-in before validating, so anonymous callers get 401, not 400.
 */
export function auditHelpersRouter(deps: AppDeps) {
  const db = deps.db.reader;
  return new Hono<AppEnv>()
    .get('/actors', requires('audit:subject'), validate('query', AuditFilterQuery), async (c) => {
      const filters = c.req.valid('query');
      await assertCategoryReadable(c, filters.category);
      const where = await auditWhere(principalOf(c), filters);
      // The bare actor_name comes from the row holding max(occurred_at): the actor's latest name.
      const rows = await runSql(
        db,
        sql`select actor_type, actor_id, actor_name, max(occurred_at) as last_at, count(*) as n from audit_events
            where ${where} group by actor_type, actor_id order by n desc, actor_name limit ${MAX_VALUES}`,
      );
      return c.json({
        items: rows.map((r) => ({
          actor: { type: String(r.actor_type), id: r.actor_id === null ? null : String(r.actor_id), name: String(r.actor_name) },
          count: Number(r.n),
          lastAt: new Date(Number(r.last_at)).toISOString(),
        })),
      });
    })
    .get('/sections', requires('audit:subject'), validate('query', AuditFilterQuery), async (c) => {
      const filters = c.req.valid('query');
      await assertCategoryReadable(c, filters.category);
      const where = await auditWhere(principalOf(c), filters);
      const rows = await runSql(
        db,
        sql`select section, count(*) as n from audit_events where ${where} group by section order by n desc, section`,
      );
      return c.json({ items: rows.map((r) => ({ section: String(r.section), count: Number(r.n) })) });
    })
    .get('/properties', requires('audit:subject'), validate('query', AuditFilterQuery), async (c) => {
      const filters = c.req.valid('query');
      await assertCategoryReadable(c, filters.category);
      const where = await auditWhere(principalOf(c), filters);
      const rows = await runSql(
        db,
        sql`select property, count(*) as n from audit_events where ${where} and property is not null
            group by property order by n desc, property limit ${MAX_VALUES}`,
      );
      return c.json({ items: rows.map((r) => ({ property: String(r.property), count: Number(r.n) })) });
    })
    .get('/customers', requires('audit:subject'), validate('query', CustomerPrefixQuery), async (c) => {
      const principal = principalOf(c);
      if (!auditCategoriesOf(principal).includes('customer')) throw ApiError.forbidden();
      const { prefix } = c.req.valid('query');
      const pattern = `${prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      // Deleted customers are offered too: their history is still in the log.
      const rows = await runSql(
        db,
        sql`select id, name, deleted_at from ${customers} where org_id = ${principal.orgId} and name like ${pattern} escape '\\'
            order by name, id limit 20`,
      );
      return c.json({ items: rows.map((r) => ({ id: String(r.id), name: String(r.name), deleted: r.deleted_at !== null })) });
    })
    .get('/activity', requires('audit:subject'), validate('query', ActivityQuery), async (c) => {
      const { bucket, ...filters } = c.req.valid('query');
      await assertCategoryReadable(c, filters.category);
      const where = await auditWhere(principalOf(c), filters);
      // Inlined (a trusted constant): a bound JS number may arrive as a REAL and make the division fractional.
      const size = sql.raw(String(BUCKET_MS[bucket]));
      const rows = await runSql(
        db,
        sql`select (occurred_at / ${size}) * ${size} as start, count(*) as n from audit_events where ${where}
            group by start order by start desc limit ${MAX_BUCKETS}`,
      );
      const items = rows.reverse().map((r) => ({ start: new Date(Number(r.start)).toISOString(), count: Number(r.n) }));
      return c.json({ bucket, items });
    })
    .get('/names', requires('audit:subject'), validate('query', NamesQuery), async (c) => {
      const { ids } = c.req.valid('query');
      return c.json({ names: await namesOf(db, principalOf(c), ids) });
    });
}
