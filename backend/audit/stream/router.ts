import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../../shared/schemas/safe-string';
import { AuditFilterFields } from '../../../shared/schemas/audit';
import { ID_PATTERN } from '../../../shared/schemas/common';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import type { AppEnv } from '../../http/app-env';
import { assertCategoryReadable } from '../../http/audit-category';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import { validate } from '../../http/validate';
import { runSql } from '../../db/sql';
import { eventJsonPackingFor } from '../query/event-json';
import { scanPackedAudit } from '../query/scan';
import { auditWhere } from '../query/where';
import { sourceFieldsOf } from '../source-fields';
import { hubOf } from './hub';
import { liveStream, type LiveRow } from '../../live/live-stream';

const EventId = v.pipe(SafeString, v.regex(ID_PATTERN, 'must be an event id'));

const StreamQuery = v.strictObject({
  ...AuditFilterFields,
  /** For clients that cannot set the Last-Event-ID header; the header wins when both are sent. */
  lastEventId: v.optional(EventId),
});

export interface StreamRouterOptions {
  /** A comment is sent after this long without anything else (default 15 s). */
  heartbeatMs?: number;
  /** Open streams allowed per user or API key (default 5); more get 429. */
  maxStreams?: number;
}

const BATCH = 200;

/**
 * `GET /audit/stream?…filters` (Server-Sent Events): the rows matching the
 * filters and the caller's role, as they commit. With `Last-Event-ID` (or
 * `?lastEventId=`) it first sends every matching row after that id, oldest
 * first, then follows live; without one it starts at the newest row at
 * connect. See backend/live/live-stream.ts for why this neither loses nor repeats rows.
 */
export function auditStreamRouter(deps: AppDeps, options: StreamRouterOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreams = options.maxStreams ?? 5;
  const hub = hubOf(deps);
  // Every role reads some of the log; auditWhere narrows it to the role's categories.
  return new Hono<AppEnv>().get('/', requires('audit:subject'), validate('query', StreamQuery), async (c) => {
    const principal = principalOf(c);
    const { lastEventId: fromQuery, ...filters } = c.req.valid('query');
    await assertCategoryReadable(c, filters.category);
    // Validates the filters (a reversed date range is a 400) before the stream starts.
    await auditWhere(principal, filters);

    const header = c.req.header('last-event-id');
    if (header !== undefined && !ID_PATTERN.test(header)) {
      throw ApiError.badRequest('The Last-Event-ID header is not valid.', [{ path: 'Last-Event-ID', message: 'must be an event id' }]);
    }
    const lastId = header ?? fromQuery ?? (await newestId(deps));

    const holder = principal.user?.id ?? principal.apiKey?.id ?? principal.actor.name;
    if (!hub.tryOpen(holder, maxStreams)) {
      throw new ApiError(429, 'rate_limited', `At most ${maxStreams} live streams may be open at once to this server process. Close one first.`);
    }

    const packing = eventJsonPackingFor(sourceFieldsOf(principal));
    const rowsAfter = async (after: string): Promise<LiveRow[]> => {
      const batches = scanPackedAudit(deps.db.reader, principal, filters, { afterId: after, batchSize: BATCH, packing });
      try {
        const next = await batches.next();
        return next.done ? [] : next.value.map((json) => ({ id: packing.positionOf(json).id, event: 'audit', json }));
      } finally {
        await batches.return(undefined);
      }
    };

    const body = liveStream({
      changes: hub.signalOf(principal.orgId),
      lastId,
      rowsAfter,
      heartbeatMs,
      signal: c.req.raw.signal,
      onClose: () => hub.release(holder),
    });
    return c.body(body, 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx and similar proxies otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
  });
}

/**
 * The newest committed id of the whole table (max of the primary key: one
 * index probe). Any row committed later has a greater id, so it is a safe
 * starting point for every organization.
 */
async function newestId(deps: AppDeps): Promise<string> {
  const [row] = await runSql(deps.db.reader, sql`select max(id) as id from audit_events`);
  return row?.id === null || row?.id === undefined ? '' : String(row.id);
}
