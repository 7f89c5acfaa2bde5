import { defineEntity, NO_LINKS } from '../../audit/definition';
import { savedSearches } from '../../db/schema';
import { assertAudience } from './audience';

/**
 * Saved searches. Created, deleted and turned on/off under `saved_search`;
 * edits of their settings (the search settings page) are filed under
 * `search_settings` by the router.
 */
export const savedSearchEntity = defineEntity({
  subjectType: 'saved_search',
  table: savedSearches,
  category: 'settings',
  section: 'saved_search',
  tracked: [
    'name',
    'enabled',
    'badgeEnabled',
    'badgeColor',
    'icon',
    'visibleByDefault',
    'visibleToUsers',
    'visibleToTeams',
    'columns',
    'query',
  ],
  label: (row) => row.name,
  links: () => NO_LINKS,
  restore: {
    toPatch: async (tx, ctx, patch) => {
      await assertAudience(tx, ctx.orgId, patch);
      return patch;
    },
  },
});
