import { Hono } from 'hono';
import { IngestEnvelope } from '../../shared/schemas/ingestion';
import { withChange } from '../audit/context';
import { daysByCategory, retentionOf } from '../audit/retention/settings';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import type { AppDeps } from '../deps';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import { answerOnce } from '../http/idempotency';
import { validate } from '../http/validate';
import { checkEvents, writeIngested } from './ingest';

/**
 * `POST /events`: events that happened in another system, recorded in the
 * log as they were (actor, time, values), each marked with its source and
 * the API key that sent it. Each event is checked on its own: 200 when all
 * were accepted, 207 with each one's result otherwise; the accepted ones are
 * written together, in one transaction. With an `Idempotency-Key`, a
 * retry of the same request is answered as the first time and writes nothing.
 */
export function eventsRouter(deps: AppDeps) {
  return new Hono<AppEnv>().use(requires('events:ingest')).post('/', validate('json', IngestEnvelope), async (c) => {
    const { source, events } = c.req.valid('json');
    const orgId = principalOf(c).orgId;
    const limits = { now: deps.now(), retentionDays: daysByCategory(await retentionOf(deps.db.reader, orgId)) };
    const checked = checkEvents(source, events, limits, deps.newId);
    const ctx = withChange(auditContext(c, deps));
    return answerOnce(c, deps, async (tx) => {
      const answer = await writeIngested(tx, ctx, checked);
      return { status: answer.summary.rejected === 0 ? 200 : 207, body: answer };
    });
  });
}
