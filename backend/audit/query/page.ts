import { sql, type SQL } from 'drizzle-orm';
import type { AuditEvent } from '../../../shared/audit-event';
import type { AuditFilters } from '../../../shared/schemas/audit';
import type { Principal } from '../../auth/principal';
import { inJsonList, type Reader, runSqlArrays } from '../../db/sql';
import { filtersHashOf, holderOf, openCursor, signCursor } from './cursor';
import { sourceFieldsOf } from '../source-fields';
import { eventJsonFor } from './event-json';
import { ftsQueryOf } from './search';
import { searchRowids } from './search-keys';
import { indexArmsOf, mergedArmsQuery } from './arms';
import { auditWhere, type HistorySubject, NEWEST_FIRST } from './where';

export interface PageOptions {
  /** The HMAC key cursors are signed with (AppDeps.cursorKey). */
  cursorKey: Buffer;
  /** A subject's history instead of the workspace log. */
  subject?: HistorySubject;
}

/**
 * One page of the log, newest first, as the JSON text of an AuditPage
 * (`{ items, nextCursor }`): `limit` rows (default 50) after the position of
 * `cursor`. A keyset page on (occurred_at, id), so page 1,000 costs what
 * page 1 does. The next cursor is signed for this caller and these filters.
 * SQLite writes each event's JSON (event-json.ts), so a page is never parsed
 * and re-serialized on its way out.
 */
export async function auditPageJson(db: Reader, principal: Principal, filters: AuditFilters, options: PageOptions): Promise<string> {
  const limit = filters.limit ?? 50;
  const scope = options.subject ? `${options.subject.type}:${options.subject.id}` : 'workspace';
  const hash = filtersHashOf(filters, scope);
  const holder = holderOf(principal);
  const before = filters.cursor ? openCursor(options.cursorKey, filters.cursor, hash, holder) : undefined;
  const { q, ...rest } = filters;
  const whereOptions = { ...(options.subject ? { subject: options.subject } : {}), ...(before ? { before } : {}) };
  const select = eventJsonFor(sourceFieldsOf(principal));
  // A subject's history already walks that subject's index; a search walks the full-text index.
  const split = q === undefined && !options.subject ? await indexArmsOf(db, principal.orgId, rest) : undefined;
  let events: string[];
  if (split) {
    events = await eventJson(db, mergedArmsQuery(select, await auditWhere(principal, split.rest, whereOptions), split.arms, limit + 1));
  } else {
    // Without `q`: a search's words are matched by searchRowids, not in this WHERE.
    const where = await auditWhere(principal, rest, whereOptions);
    events =
      q === undefined
        ? await eventJson(db, sql`select ${select} from audit_events where ${where} order by ${NEWEST_FIRST} limit ${limit + 1}`)
        : await eventsByRowid(db, select, await searchRowids(db, where, ftsQueryOf(q), limit + 1));
  }
  const items = events.slice(0, limit);
  let nextCursor: string | null = null;
  if (events.length > limit) {
    // The last item's own JSON carries its position: its id, and its time to the millisecond.
    const last = JSON.parse(items.at(-1)!) as Pick<AuditEvent, 'id' | 'occurredAt'>;
    nextCursor = signCursor(options.cursorKey, { occurredAt: Date.parse(last.occurredAt), id: last.id }, hash, holder);
  }
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

async function eventJson(db: Reader, query: SQL): Promise<string[]> {
  return (await runSqlArrays(db, query)).map((row) => row[0] as string);
}

/** The events of these rowids, newest first (the rowids are one JSON array parameter, so the SQL text never varies). */
function eventsByRowid(db: Reader, select: SQL, rowids: number[]): Promise<string[]> {
  if (rowids.length === 0) return Promise.resolve([]);
  return eventJson(
    db,
    sql`select ${select} from audit_events where ${inJsonList(sql`audit_events.rowid`, rowids)} order by ${NEWEST_FIRST}`,
  );
}
