import { Hono } from 'hono';
import { IdParam } from '../../shared/schemas/common';
import { RestoreRequest } from '../../shared/schemas/restore';
import { accessDenied } from '../auth/access-denied';
import { principalOf } from '../auth/authenticate';
import { can } from '../auth/permissions';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { presentEntity } from '../entities/present';
import { withChange } from './context';
import { presentAuditEvent } from './present';
import { missingCategoryPermission } from './query/access';
import { findAuditEvent, restoreEvent, restoreTargetOf, rowsOfRestore } from './restore';

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
  return new Hono<AppEnv>().post('/', validate('param', IdParam), validate('json', RestoreRequest), async (c) => {
    const principal = principalOf(c);
    const row = await findAuditEvent(deps.db.reader, principal.orgId, c.req.valid('param').id);
    const hidden = missingCategoryPermission(principal, row.category);
    if (hidden) throw await accessDenied(c, hidden, 'Your role cannot see this event.');
    const target = restoreTargetOf(row);
    if (!can(principal, target.restorable.write)) {
      throw await accessDenied(c, target.restorable.write, 'Your role cannot edit what this event changed.');
    }

    const ctx = withChange(auditContext(c, deps));
    const { force } = c.req.valid('json');
    const { row: entity } = await deps.writes.run((tx) => restoreEvent(tx, ctx, row, target, force));
    const events = (await rowsOfRestore(deps.db.reader, row, ctx.changeId!)).map(presentAuditEvent);
    return c.json({
      event: events.find((e) => e.property === row.property) ?? null,
      events,
      entity: presentEntity(entity as Record<string, unknown>),
    });
  });
}
