import { Hono } from 'hono';
import { AuditQuery } from '../../shared/schemas/audit';
import { principalOf } from '../auth/authenticate';
import { requires } from '../auth/require';
import type { AppEnv } from '../http/app-env';
import { assertCategoryReadable } from '../http/audit-category';
import type { AppDeps } from '../deps';
import { jsonText } from '../http/json-text';
import { validate } from '../http/validate';
import { checkpointsRouter } from './checkpoints/router';
import { signingKeyRouter } from './checkpoints/signing-key-router';
import { auditExportRouter } from './export/router';
import { auditHelpersRouter } from './helpers-router';
import { auditPageJson } from './query/page';
import { restoreRouter } from './restore-router';
import { verificationRouter } from './verify/router';
import { auditStreamRouter } from './stream/router';

/**
 * Everything under `/audit`, in one place: the fixed paths first, then the
 * routes of one event (`/:id/…`), so a fixed path can never be taken for an id.
 *
 * `GET /audit` itself is the workspace log for any signed-in caller, narrowed
 * to the categories of their role (an agent sees customer and conversation
 * rows, a lead adds work sessions, an admin everything). Newest first, signed
 * cursors.
 */
export function auditRouter(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      .route('/export', auditExportRouter(deps))
      .route('/stream', auditStreamRouter(deps))
      .route('/checkpoints', checkpointsRouter(deps))
      .route('/signing-key', signingKeyRouter(deps))
      // /verify, /verifications, /integrity
      .route('/', verificationRouter(deps))
      // /actors, /sections, /properties, /customers, /activity, /names: what the log's filter bar offers.
      .route('/', auditHelpersRouter(deps))
      .get('/', requires('audit:subject'), validate('query', AuditQuery), async (c) => {
        const filters = c.req.valid('query');
        await assertCategoryReadable(c, filters.category);
        return jsonText(c, await auditPageJson(deps.db.reader, principalOf(c), filters, { cursorKey: deps.cursorKey }));
      })
      .route('/:id/restore', restoreRouter(deps))
  );
}
