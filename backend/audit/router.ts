import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { AuditQuery } from '../../shared/schemas/audit';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import { conversations, customers } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../http/deps';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { subjectHistory } from './history';
import { assertCategoryReadable } from './query/access';
import { auditPage } from './query/page';

/**
 * `GET /audit`: the workspace log for any signed-in caller, narrowed to the
 * categories of their role (an agent sees customer and conversation rows, a
 * lead adds work sessions, an admin everything). Newest first, signed cursors.
 */
export function auditLogRouter(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requires('audit:subject'), validate('query', AuditQuery), async (c) => {
    const filters = c.req.valid('query');
    await assertCategoryReadable(c, filters.category);
    return c.json(await auditPage(deps.db.reader, principalOf(c), filters, { cursorKey: deps.cursorKey }));
  });
}

/**
 * `GET /customers/:id/audit` or `GET /conversations/:id/audit`, with the
 * log's filters. Deleted and merged subjects keep their history: that is
 * when people look for it.
 */
export function subjectHistoryRouter(deps: AppDeps, type: 'customer' | 'conversation') {
  const table = type === 'customer' ? customers : conversations;
  return new Hono<AppEnv>().get('/:id/audit', requires('audit:subject'), validate('query', AuditQuery), async (c) => {
    const principal = principalOf(c);
    const id = c.req.param('id');
    const [exists] = await deps.db.reader
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.orgId, principal.orgId)))
      .limit(1);
    if (!exists) throw ApiError.notFound(type);
    const page = await subjectHistory(deps.db.reader, principal, { type, id }, c.req.valid('query'), deps.cursorKey);
    return c.json(page);
  });
}
