import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { Hono } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../shared/schemas/safe-string';
import type { AuditContext } from '../audit/context';
import type { EntityDefinition } from '../audit/definition';
import { type EntityPatch, updateEntity } from '../audit/engine';
import type { Permission } from '../auth/permissions';
import { requires } from '../auth/require';
import type { AppEnv } from '../http/app-env';
import { auditContext } from '../http/audit-context';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { presentEntity } from './present';

/** A settings table that can be turned on and off. */
type Switchable = SQLiteTable & { $inferSelect: { enabled: boolean } };

const IdParam = v.object({ id: v.pipe(SafeString, v.maxLength(64)) });

/**
 * `POST /:id/enable` and `POST /:id/disable`. Turning a setting on or off is
 * its own event in the log ("If a business rule is turned on or off"), so it
 * is recorded as `enabled` / `disabled` on the `enabled` property rather than
 * as a plain update; PATCH bodies do not accept `enabled`. Enabling what is
 * already enabled changes nothing and records nothing.
 */
export function enableRoutes<T extends Switchable>(deps: AppDeps, def: EntityDefinition<T>, write: Permission) {
  const setEnabled = async (ctx: AuditContext, id: string, enabled: boolean) => {
    // The table is generic here; Switchable guarantees the `enabled` column.
    const patch = { enabled } as EntityPatch<T>;
    const { row } = await deps.writes.run((tx) =>
      updateEntity(tx, ctx, def, id, patch, { event: enabled ? 'enabled' : 'disabled' }),
    );
    return presentEntity(row as Record<string, unknown>);
  };

  return new Hono<AppEnv>()
    .post('/:id/enable', requires(write), validate('param', IdParam), async (c) =>
      c.json(await setEnabled(auditContext(c, deps), c.req.valid('param').id, true)),
    )
    .post('/:id/disable', requires(write), validate('param', IdParam), async (c) =>
      c.json(await setEnabled(auditContext(c, deps), c.req.valid('param').id, false)),
    );
}
