import { like } from 'drizzle-orm';
import { SavedSearchCreate, SavedSearchPatch } from '../../../shared/schemas/saved-searches';
import type { Tx } from '../../db/client';
import { savedSearches, teams, users } from '../../db/schema';
import type { AppDeps } from '../../http/deps';
import { crudRoutes } from '../crud';
import { enableRoutes } from '../enable-routes';
import { assertReferences } from '../references';
import { savedSearchEntity } from './definition';

async function assertAudience(tx: Tx, orgId: string, input: { visibleToUsers?: string[]; visibleToTeams?: string[] }) {
  await assertReferences(tx, orgId, users, 'visibleToUsers', input.visibleToUsers ?? []);
  await assertReferences(tx, orgId, teams, 'visibleToTeams', input.visibleToTeams ?? []);
}

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
