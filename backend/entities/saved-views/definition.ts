import { defineEntity, NO_LINKS } from '../../audit/definition';
import { savedViews } from '../../db/schema';

/**
 * Saved views of the log: created, changed (name, filter, sharing, who opens
 * the log on it) and deleted under settings / saved_view. They belong to
 * their owner, so they are never restored from the log by someone else.
 */
export const savedViewEntity = defineEntity({
  subjectType: 'saved_view',
  table: savedViews,
  category: 'settings',
  section: 'saved_view',
  tracked: ['ownerId', 'name', 'filter', 'shared', 'defaultFor'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
