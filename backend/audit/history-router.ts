import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { AuditQuery } from '../../shared/schemas/audit';
import { IdParam } from '../../shared/schemas/common';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import { conversations, customers } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { jsonText } from '../http/json-text';
import { validate } from '../http/validate';
import { subjectHistoryJson } from './history';

/**
 * `GET /customers/:id/audit` or `GET /conversations/:id/audit`, with the
 * log's filters; mounted at `/:id/audit` by the customers and conversations
 * routers. Deleted and merged subjects keep their history: that is when
 * people look for it.
 */
export function subjectHistoryRouter(deps: AppDeps, type: 'customer' | 'conversation') {
  const table = type === 'customer' ? customers : conversations;
  // Runs on every history page: built once (drizzle's query building costs more than running it).
  const findSubject = deps.db.reader
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, sql.placeholder('id')), eq(table.orgId, sql.placeholder('orgId'))))
    .limit(1)
    .prepare();
  return new Hono<AppEnv>().get('/', requires('audit:subject'), validate('param', IdParam), validate('query', AuditQuery), async (c) => {
    const principal = principalOf(c);
    const id = c.req.valid('param').id;
    const exists = await findSubject.get({ id, orgId: principal.orgId });
    if (!exists) throw ApiError.notFound(type);
    return jsonText(c, await subjectHistoryJson(deps.db.reader, principal, { type, id }, c.req.valid('query'), deps.cursorKey));
  });
}
