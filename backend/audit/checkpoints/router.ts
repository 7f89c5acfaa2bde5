import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { CheckpointListQuery } from '../../../shared/schemas/checkpoints';
import { ID_PATTERN, SafeString } from '../../../shared/schemas/common';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { validate } from '../../http/validate';
import { openCheckpointCursor, signCheckpointCursor } from './cursor';
import { checkpointFile, presentCheckpoint } from './present';
import { type CheckpointRow, checkpointOf, latestCheckpointOf, listCheckpoints } from './queries';
import { signCheckpointNow } from './sign';

const LATEST = 'latest';
/**
 * A checkpoint's id, or `latest` for the newest. One route pattern for both:
 * a separate `/latest` would also match `/:id`, and a refusal is recorded
 * under the last pattern its path matches.
 */
const CheckpointParam = v.object({
  id: v.pipe(SafeString, v.check((id) => id === LATEST || ID_PATTERN.test(id), 'must be a checkpoint id or "latest"')),
});

/**
 * `/audit/checkpoints` (admins): the workspace's signed checkpoints, newest
 * first with signed cursors; signing one now; the latest; one by id
 * (another workspace's id is 404); and each as the checkpoint file to keep
 * elsewhere.
 */
export function checkpointsRouter(deps: AppDeps) {
  const reader = deps.db.reader;
  const download = (c: Context<AppEnv>, row: CheckpointRow | null) => {
    if (!row) throw ApiError.notFound('checkpoint');
    return c.body(`${JSON.stringify(checkpointFile(row, deps.signing), null, 2)}\n`, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="auditdesk-checkpoint-${row.orgId}-${row.seq}.json"`,
      'cache-control': 'no-store',
    });
  };
  const found = (row: CheckpointRow | null) => {
    if (!row) throw ApiError.notFound('checkpoint');
    return presentCheckpoint(row);
  };

  return new Hono<AppEnv>()
    .use(requires('audit:integrity'))
    .get('/', validate('query', CheckpointListQuery), async (c) => {
      const principal = principalOf(c);
      const { limit, cursor } = c.req.valid('query');
      const beforeSignedAt = cursor === undefined ? undefined : openCheckpointCursor(deps.cursorKey, cursor, principal);
      const rows = await listCheckpoints(reader, principal.orgId, { beforeSignedAt, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? signCheckpointCursor(deps.cursorKey, page.at(-1)!, principal) : null;
      return c.json({ items: page.map(presentCheckpoint), nextCursor });
    })
    .post('/', async (c) => {
      const row = await signCheckpointNow(deps, principalOf(c).orgId, 'demand');
      if (!row) throw new ApiError(409, 'empty_log', 'The log has no event yet: there is nothing to sign.');
      return c.json(presentCheckpoint(row), 201);
    })
    .get('/:id', validate('param', CheckpointParam), async (c) => c.json(found(await checkpointNamed(c.req.valid('param').id, principalOf(c).orgId))))
    .get('/:id/download', validate('param', CheckpointParam), async (c) => download(c, await checkpointNamed(c.req.valid('param').id, principalOf(c).orgId)));

  function checkpointNamed(id: string, orgId: string): Promise<CheckpointRow | null> {
    return id === LATEST ? latestCheckpointOf(reader, orgId) : checkpointOf(reader, orgId, id);
  }
}
