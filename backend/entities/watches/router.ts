import { type Context, Hono } from 'hono';
import { IdParam } from '../../../shared/schemas/common';
import { WatchCreate, WatchPatch } from '../../../shared/schemas/watches';
import { withChange } from '../../audit/context';
import type { EntityPatch } from '../../audit/engine';
import { timeRangeOf } from '../../audit/query/where';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import type { watches, WatchThresholdColumn } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import type { AppEnv } from '../../http/app-env';
import { assertCategoryReadable } from '../../http/audit-category';
import { auditContext } from '../../http/audit-context';
import { validate } from '../../http/validate';
import { parseFilter } from '../../notifications/match/active-watch';
import { subjectName } from '../../notifications/match/words';
import { createWatch, deleteWatch, patchWatch } from './changes';
import { createdTarget, thresholdOf, type WatchTarget } from './columns';
import { filterName, subjectWatchName, thresholdName } from './names';
import { getOwnWatch, ownWatches } from './own';
import { personOf } from '../../auth/principal';
import { presentWatches } from './present';
import { patchedTarget, subjectLabelOf } from './target';

/**
 * `/watches`: what each person is notified of — a customer or conversation
 * (optionally one property, optionally one value of it), or a log filter,
 * optionally as a threshold. Only the owner sees or changes a watch. A
 * filter may name only categories the caller's role reads (403, recorded,
 * checked before the write so the access_denied row is not rolled back with it).
 */
export function watchesRouter(deps: AppDeps) {
  /** Checks what a watch is to follow; answers the subject's name (null for a filter). */
  async function checkTarget(c: Context<AppEnv>, target: WatchTarget): Promise<string | null> {
    if (target.filter !== null) {
      const filters = parseFilter(target.filter);
      if (!filters) throw ApiError.badRequest('The filter is not valid.');
      await assertCategoryReadable(c, filters.category);
      timeRangeOf(filters); // a reversed date range is a 400, as on GET /audit
      return null;
    }
    return subjectLabelOf(deps.db.reader, principalOf(c).orgId, target.subjectType!, target.subjectId!);
  }

  return new Hono<AppEnv>()
    .use(requires('watches:use'))
    .get('/', async (c) => {
      const principal = principalOf(c);
      const rows = await ownWatches(deps.db.reader, personOf(principal));
      return c.json({ items: await presentWatches(deps.db.reader, principal, rows) });
    })
    .get('/:id', validate('param', IdParam), async (c) => {
      const principal = principalOf(c);
      const row = await getOwnWatch(deps.db.reader, personOf(principal), c.req.valid('param').id);
      return c.json((await presentWatches(deps.db.reader, principal, [row]))[0]);
    })
    .post('/', validate('json', WatchCreate), async (c) => {
      const principal = principalOf(c);
      const input = c.req.valid('json');
      const target = createdTarget(input);
      const threshold = input.threshold ? thresholdOf(input.threshold) : null;
      const label = await checkTarget(c, target);
      const ctx = withChange(auditContext(c, deps));
      const row = await deps.writes.run((tx) =>
        createWatch(tx, ctx, personOf(principal), {
          name: input.name ?? defaultName(target, label, threshold),
          target,
          threshold,
          includeOwn: input.includeOwn,
          paused: input.paused,
        }),
      );
      return c.json((await presentWatches(deps.db.reader, principal, [row]))[0], 201);
    })
    .patch('/:id', validate('param', IdParam), validate('json', WatchPatch), async (c) => {
      const principal = principalOf(c);
      const watcher = personOf(principal);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const current = await getOwnWatch(deps.db.reader, watcher, id);
      const target = patchedTarget(current, input);
      if (target) await checkTarget(c, target);
      const patch: EntityPatch<typeof watches> = { ...target };
      if (input.name !== undefined) patch.name = input.name;
      if (input.threshold !== undefined) patch.threshold = input.threshold === null ? null : thresholdOf(input.threshold);
      if (input.includeOwn !== undefined) patch.includeOwn = input.includeOwn;
      if (input.paused !== undefined) patch.paused = input.paused;
      const ctx = withChange(auditContext(c, deps));
      const row = await deps.writes.run((tx) => patchWatch(tx, ctx, watcher, id, patch));
      return c.json((await presentWatches(deps.db.reader, principal, [row]))[0]);
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const watcher = personOf(principalOf(c));
      const { id } = c.req.valid('param');
      await getOwnWatch(deps.db.reader, watcher, id);
      const ctx = auditContext(c, deps);
      await deps.writes.run((tx) => deleteWatch(tx, ctx, watcher, id));
      return c.body(null, 204);
    });
}

function defaultName(target: WatchTarget, label: string | null, threshold: WatchThresholdColumn | null): string {
  const filters = target.filter === null ? null : parseFilter(target.filter);
  if (threshold) return thresholdName(filters, threshold, label === null ? null : subjectName(target.subjectType!, label));
  return filters ? filterName(filters) : subjectWatchName(target, label ?? '');
}
