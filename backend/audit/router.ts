import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { PageQuery } from '../../shared/schemas/common';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import { conversations, customers } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../http/deps';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { decodePosition, encodePosition, subjectHistory } from './history';
import { presentAuditEvent } from './present';

const HistoryQuery = v.strictObject({ ...PageQuery });

/**
 * `GET /customers/:id/audit` or `GET /conversations/:id/audit`. Deleted and
 * merged subjects keep their history: that is when people look for it.
 */
export function subjectHistoryRouter(deps: AppDeps, type: 'customer' | 'conversation') {
  const table = type === 'customer' ? customers : conversations;
  return new Hono<AppEnv>().get('/:id/audit', requires('audit:subject'), validate('query', HistoryQuery), async (c) => {
    const orgId = principalOf(c).orgId;
    const id = c.req.param('id');
    const [exists] = await deps.db.reader
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.orgId, orgId)))
      .limit(1);
    if (!exists) throw ApiError.notFound(type);
    const { limit, cursor } = c.req.valid('query');
    const page = await subjectHistory(deps.db.reader, orgId, { type, id }, limit, cursor ? decodePosition(cursor) : undefined);
    return c.json({ items: page.items.map(presentAuditEvent), nextCursor: page.next ? encodePosition(page.next) : null });
  });
}
