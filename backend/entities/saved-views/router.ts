import { Hono } from 'hono';
import { IdParam } from '../../../shared/schemas/common';
import { ViewCreate, ViewPatch } from '../../../shared/schemas/views';
import { withChange } from '../../audit/context';
import { accessDenied } from '../../auth/access-denied';
import { principalOf } from '../../auth/authenticate';
import { can } from '../../auth/permissions';
import { requires } from '../../auth/require';
import type { AppDeps } from '../../deps';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import { validate } from '../../http/validate';
import { createView, deleteView, patchView } from './changes';
import { presentView } from './present';
import { personOf } from '../../auth/principal';
import { getVisibleView, listVisibleViews } from './visible';

/**
 * `/views`: saved views of the log, per person, optionally shared with the
 * workspace. Everyone sees their own and the shared ones, each narrowed to
 * what their role reads; only the owner changes a view, admins may also
 * delete one someone shared. Refusals are checked before the write, so the
 * access_denied row they record is not rolled back with it.
 */
export function savedViewsRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requires('views:use'))
    .get('/', async (c) => {
      const principal = principalOf(c);
      const views = await listVisibleViews(deps.db.reader, personOf(principal));
      return c.json({ items: views.map((view) => presentView(view, principal)) });
    })
    .post('/', validate('json', ViewCreate), async (c) => {
      const principal = principalOf(c);
      const viewer = personOf(principal);
      const ctx = withChange(auditContext(c, deps));
      const created = await deps.writes.run(async (tx) => {
        const row = await createView(tx, ctx, viewer, c.req.valid('json'));
        return getVisibleView(tx, viewer, row.id);
      });
      return c.json(presentView(created, principal), 201);
    })
    .patch('/:id', validate('param', IdParam), validate('json', ViewPatch), async (c) => {
      const principal = principalOf(c);
      const viewer = personOf(principal);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const view = await getVisibleView(deps.db.reader, viewer, id);
      const ownerOnly = input.name !== undefined || input.filter !== undefined || input.shared !== undefined;
      if (ownerOnly && view.ownerId !== viewer.userId) {
        throw await accessDenied(c, 'views:edit_others', 'Only the person who saved a view may change it.');
      }
      const ctx = withChange(auditContext(c, deps));
      const changed = await deps.writes.run(async (tx) => {
        await patchView(tx, ctx, viewer, id, input);
        return getVisibleView(tx, viewer, id);
      });
      return c.json(presentView(changed, principal));
    })
    .delete('/:id', validate('param', IdParam), async (c) => {
      const principal = principalOf(c);
      const viewer = personOf(principal);
      const { id } = c.req.valid('param');
      const view = await getVisibleView(deps.db.reader, viewer, id);
      if (view.ownerId !== viewer.userId && !can(principal, 'views:remove_shared')) {
        throw await accessDenied(c, 'views:remove_shared', 'Only the person who saved a view, or an admin, may delete it.');
      }
      const ctx = auditContext(c, deps);
      await deps.writes.run((tx) => deleteView(tx, ctx, viewer, id));
      return c.body(null, 204);
    });
}
