import { Hono } from 'hono';
import * as v from 'valibot';
import { Id } from '../../shared/schemas/common';
import { RestoreRequest } from '../../shared/schemas/restore';
import { accessDenied } from '../auth/access-denied';
import { principalOf } from '../auth/authenticate';
import { auditCategoriesOf, can } from '../auth/permissions';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { presentEntity } from '../entities/present';
import { withChange } from './context';
import { presentAuditEventFor } from './present';
import { sourceFieldsOf } from './source-fields';
import { findAuditEvent, restoreEvent, restoreTargetOf, rowsOfRestore } from './restore';

const EventParam = v.strictObject({ id: Id });

/**
 * `POST /audit/:id/restore` → `{ event, events, entity }`: `event` is the new
 * row of the restored property, `events` every row the restore wrote (a
 * conversation leaving "snoozed" also clears its snooze time), `entity` the
 * object as it now is.
 *
 * Who may: someone who can see the event in their log (its category) and
 * can edit its subject (the permission of the subject's own edit route).
 * Both refusals are 403s recorded as access_denied, like every role refusal.
 */
export function restoreRouter(deps: AppDeps) {
  return new Hono<AppEnv>().post('/:id/restore', validate('param', EventParam), validate('json', RestoreRequest), async (c) => {
    const principal = principalOf(c);
    const row = await findAuditEvent(deps.db.reader, principal.orgId, c.req.valid('param').id);
    if (!auditCategoriesOf(principal).includes(row.category)) {
      const needed = row.category === 'work_session' ? 'audit:work_session' : 'audit:workspace';
      throw await accessDenied(c, needed, 'Your role cannot see this event.');
    }
    const target = restoreTargetOf(row);
    if (!can(principal, target.restore.write)) {
      throw await accessDenied(c, target.restore.write, 'Your role cannot edit what this event changed.');
    }

    const ctx = withChange(auditContext(c, deps));
    const { force } = c.req.valid('json');
    const { row: entity } = await deps.writes.run((tx) => restoreEvent(tx, ctx, row, target, force));
    const events = (await rowsOfRestore(deps.db.reader, row, ctx.changeId!)).map(presentAuditEventFor(sourceFieldsOf(principal)));
    return c.json({
      event: events.find((e) => e.property === row.property) ?? null,
      events,
      entity: presentEntity(entity as Record<string, unknown>),
    });
  });
}
