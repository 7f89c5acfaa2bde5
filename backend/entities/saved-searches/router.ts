import { like } from 'drizzle-orm';
import { SavedSearchCreate, SavedSearchPatch } from '../../../shared/schemas/saved-searches';
import { savedSearches } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { crudRoutes } from '../crud-routes';
import { enableRoutes } from '../enable-routes';
import { assertAudience } from './audience';
import { savedSearchEntity } from './definition';

/** `/saved-searches`: everyone reads the searches they work from; admins change them. */
export function savedSearchesRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: savedSearchEntity,
    create: SavedSearchCreate,
    patch: SavedSearchPatch,
    read: 'settings:read',
    write: 'settings:write',
    searchable: (q) => like(savedSearches.name, `%${q}%`),
    toNew: async (tx, ctx, input) => {
      await assertAudience(tx, ctx.orgId, input);
      return input;
    },
    toPatch: async (tx, ctx, input) => {
      await assertAudience(tx, ctx.orgId, input);
      return input;
    },
    // Every edit of a search's settings is a change on the search settings page.
    updateOptions: { section: 'search_settings' },
  }).route('/', enableRoutes(deps, savedSearchEntity, 'settings:write'));
}
