import { Hono } from 'hono';
import { IdParam } from '../../shared/schemas/common';
import { RestoreRequest } from '../../shared/schemas/restore';
import { accessDenied } from '../auth/access-denied';
import { principalOf } from '../auth/authenticate';
import { can, holderOf, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import type { Category } from '../../shared/enums';
import { permissionToSee } from '../../shared/permissions';
import { permissionMissingToRestore, RESTORE_PERMISSIONS, RESTORABLE_SUBJECTS, type RestorableSubject } from '../../shared/restorable';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { presentEntity } from '../entities/present';
import { withChange } from './context';
import { presentAuditEventFor } from './present';
import { sourceFieldsOf } from './source-fields';
import { findAuditEvent, restoreEvent, restoreTargetOf, rowsOfRestore } from './restore';

/**
 * `POST /audit/:id/restore` → `{ event, events, entity }`: `event` is the new
 * row of the restored property, `events` every row the restore wrote (a
 * conversation leaving "snoozed" also clears its snooze time), `entity` the
 * object as it now is.
 *
 * Who may: the rule the panel follows too (shared/restorable.ts): someone
 * who can see the event in their log (its category) and can edit its subject
 * (the permission of the subject's own edit route). A refusal is a 403
 * recorded as access_denied, like every role refusal, before anything about
 * the event itself is told.
 */
export function restoreRouter(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', validate('param', IdParam), validate('json', RestoreRequest), async (c) => {
    const principal = principalOf(c);
    const row = await findAuditEvent(deps.db.reader, principal.orgId, c.req.valid('param').id);
    const event = { category: row.category, subject: { type: row.subjectType } };
    const missing = permissionMissingToRestore(event, holderOf(principal)) ?? missingToRestoreAs(principal, event);
    if (missing) throw await accessDenied(c, missing, 'Your role cannot restore this event.');
    const target = restoreTargetOf(row);

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

/** What an API key's scopes lack to restore (the role rule above is the holder's; a key holds only part of it). */
function missingToRestoreAs(principal: Principal, event: { category: Category; subject: { type: string } }): Permission | null {
  const type = event.subject.type;
  const needed: Permission[] = [permissionToSee(event.category)];
  if ((RESTORABLE_SUBJECTS as readonly string[]).includes(type)) needed.push(RESTORE_PERMISSIONS[type as RestorableSubject]);
  return needed.find((permission) => !can(principal, permission)) ?? null;
}
