import { like } from 'drizzle-orm';
import { ShortcutCreate, ShortcutPatch } from '../../../shared/schemas/shortcuts';
import { shortcuts } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { crudRoutes } from '../crud-routes';
import { shortcutEntity } from './definition';
import { assertShortcutReferences } from './references';

/**
 * `/shortcuts`: everyone reads the shortcuts they use; admins change them.
 * Shortcuts have no on/off switch, so there is no /enable or /disable.
 */
export function shortcutsRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: shortcutEntity,
    create: ShortcutCreate,
    patch: ShortcutPatch,
    read: 'settings:read',
    write: 'settings:write',
    searchable: (q) => like(shortcuts.name, `%${q}%`),
    toNew: async (tx, ctx, input) => {
      await assertShortcutReferences(tx, ctx.orgId, input);
      return input;
    },
    toPatch: async (tx, ctx, input) => {
      await assertShortcutReferences(tx, ctx.orgId, input);
      return input;
    },
  });
}
