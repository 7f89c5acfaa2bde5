import { Hono } from 'hono';
import * as v from 'valibot';
import { AuditFilterFields, filterParamsOf } from '../../../shared/schemas/audit';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import { auditContext } from '../../http/audit-context';
import type { AppEnv } from '../../http/app-env';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { NO_LINKS } from '../definition';
import { appendAudit } from '../engine';
import { checkpointFile } from '../checkpoints/present';
import { signCheckpointNow } from '../checkpoints/sign';
import { type RowPacking, scanPackedAudit } from '../query/scan';
import { exportBody, type ExportSummary } from './body';
import { utf8Lines } from './bytes';
import { type SourceFields, sourceFieldsOf } from '../source-fields';
import { auditCsvHeader, auditCsvLine, csvPackingFor } from './columns';
import { CSV_BOM } from './csv';
import { jsonlLine } from './jsonl';
import { provenEventJsonPackingFor } from './proof';

const ExportQuery = v.strictObject({
  ...AuditFilterFields,
  format: v.optional(v.picklist(['csv', 'jsonl']), 'csv'),
});

type Format = 'csv' | 'jsonl';

// SQLite shapes each row for its format (packing); each is turned into its line before the next.
const FORMATS: Record<Format, { type: string; head: string; packing(fields: SourceFields): RowPacking; encode(rows: string[]): Uint8Array }> = {
  csv: {
    type: 'text/csv; charset=utf-8; header=present',
    head: CSV_BOM + auditCsvHeader(),
    packing: csvPackingFor,
    encode: (rows) => utf8Lines(rows, auditCsvLine),
  },
  jsonl: {
    type: 'application/jsonl; charset=utf-8',
    head: '',
    packing: provenEventJsonPackingFor,
    encode: (rows) => utf8Lines(rows, jsonlLine),
  },
};

export interface ExportRouterOptions {
  /** Rows per database read; the most an export holds in memory at once. */
  batchSize?: number;
  /** The batch source (tests wrap it to count reads). */
  scan?: typeof scanPackedAudit;
}

/**
 * `GET /audit/export?format=csv|jsonl&…filters` (admin): every matching row,
 * newest first, streamed one keyset batch per read of the client. JSON
 * Lines carry each event's proof and end with the checkpoint they were cut
 * at (`{"checkpoint": <checkpoint file>}`), for `npm run verify -- --export`. The export
 * is itself audited (`export`, settings / access) once it ends, so the row
 * records how many rows left the system; an export the client abandons is
 * recorded too, with `complete: false` and the rows sent until then.
 */
export function auditExportRouter(deps: AppDeps, options: ExportRouterOptions = {}) {
  const batchSize = options.batchSize ?? 1_000;
  const scan = options.scan ?? scanPackedAudit;
  return new Hono<AppEnv>().get('/', requires('audit:workspace'), validate('query', ExportQuery), async (c) => {
    const principal = principalOf(c);
    const { format, ...filters } = c.req.valid('query');
    const ctx = auditContext(c, deps);
    // A JSON Lines export is verifiable offline: it is cut at a checkpoint
    // signed now, carries each event's proof, and ends with that checkpoint.
    const checkpoint = format === 'jsonl' ? await signCheckpointNow(deps, principal.orgId, 'export') : undefined;
    const batches = scan(deps.db.reader, principal, filters, {
      batchSize,
      packing: FORMATS[format].packing(sourceFieldsOf(principal)),
      ...(checkpoint !== undefined ? { upToSeq: checkpoint?.seq ?? 0 } : {}),
    });
    // The first batch is read before answering, so a bad filter (a reversed
    // date range) is still a 400 and not a broken download.
    const source = startingWith(await batches.next(), batches);

    const recordExport = (summary: ExportSummary) =>
      deps.writes.run((tx) =>
        appendAudit(tx, ctx, [
          {
            event: 'export',
            category: 'settings',
            section: 'access',
            // Only admins export (audit:workspace), and admins are people.
            subject: { type: 'user', id: principal.user?.id ?? '', label: principal.user?.name ?? principal.actor.name },
            links: NO_LINKS,
            property: null,
            before: null,
            after: null,
            context: { format, filters: filterParamsOf(filters), rows: summary.rows, complete: summary.complete },
          },
        ]),
      );

    const body = exportBody({
      batches: source,
      head: FORMATS[format].head,
      ...(checkpoint ? { tail: () => jsonlLine(JSON.stringify({ checkpoint: checkpointFile(checkpoint, deps.signing) })) } : {}),
      encode: FORMATS[format].encode,
      onFinish: (summary) =>
        recordExport(summary).catch((error: unknown) => {
          deps.log.error('audit export not recorded', { error: String(error), ...summary });
          throw error;
        }),
    });
    const day = deps.now().toISOString().slice(0, 10);
    return c.body(body, 200, {
      'content-type': FORMATS[format].type,
      'content-disposition': `attachment; filename="audit-log-${day}.${format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}

/** `rest` with its already-read first result put back in front. */
function startingWith<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncIterator<T> {
  let head: IteratorResult<T> | undefined = first;
  return {
    next: () => {
      if (!head) return rest.next();
      const result = head;
      head = undefined;
      return Promise.resolve(result);
    },
    return: (value?: unknown) => rest.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
  };
}
