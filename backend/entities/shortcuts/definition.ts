import { defineEntity, NO_LINKS } from '../../audit/definition';
import { shortcuts } from '../../db/schema';
import type { ShortcutActionInput } from '../../../shared/schemas/shortcuts';
import { assertShortcutReferences } from './references';

/** Shortcuts, as set on the shortcut settings page. Their use in a conversation is filed on the conversation. */
export const shortcutEntity = defineEntity({
  subjectType: 'shortcut',
  table: shortcuts,
  category: 'settings',
  section: 'shortcut',
  tracked: ['name', 'message', 'shareAccess', 'sharedUsers', 'sharedTeams', 'actions'],
  label: (row) => row.name,
  links: () => NO_LINKS,
  restore: {
    toPatch: async (tx, ctx, patch) => {
      await assertShortcutReferences(tx, ctx.orgId, {
        ...(patch.sharedUsers ? { sharedUsers: patch.sharedUsers } : {}),
        ...(patch.sharedTeams ? { sharedTeams: patch.sharedTeams } : {}),
        // Recorded values were once accepted by ShortcutPatch, so they have the input's shape.
        ...(patch.actions ? { actions: patch.actions as ShortcutActionInput[] } : {}),
      });
      return patch;
    },
  },
});
