import { Hono } from 'hono';
import { RetentionPut } from '../../../shared/schemas/retention';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { createEntity, findEntity, updateEntity } from '../engine';
import { retentionEntity } from './definition';
import { retentionOf } from './settings';

/**
 * `GET/PUT /settings/retention` (admin): `{ days, categoryDays }`. The first
 * PUT creates the workspace's setting, later ones change it; both are
 * audited (settings, access) like any other setting.
 */
export function retentionRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/retention', requires('settings:write'), async (c) => c.json(await retentionOf(deps.db.reader, principalOf(c).orgId)))
    .put('/retention', requires('settings:write'), validate('json', RetentionPut), async (c) => {
      const { days, categoryDays } = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const row = await deps.writes.run(async (tx) => {
        const current = await findEntity(tx, ctx.orgId, retentionEntity, ctx.orgId);
        if (!current) return createEntity(tx, ctx, retentionEntity, { id: ctx.orgId, days, categoryDays });
        return (await updateEntity(tx, ctx, retentionEntity, ctx.orgId, { days, categoryDays })).row;
      });
      return c.json({ days: row.days, categoryDays: row.categoryDays });
    });
}
