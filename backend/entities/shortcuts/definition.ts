import { defineEntity, NO_LINKS } from '../../audit/definition';
import { shortcuts } from '../../db/schema';

/** Shortcuts, as set on the shortcut settings page. Their use in a conversation is filed on the conversation. */
export const shortcutEntity = defineEntity({
  subjectType: 'shortcut',
  table: shortcuts,
  category: 'settings',
  section: 'shortcut',
  tracked: ['name', 'message', 'shareAccess', 'sharedUsers', 'sharedTeams', 'actions'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
