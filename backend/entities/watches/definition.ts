import { defineEntity, NO_LINKS } from '../../audit/definition';
import { watches } from '../../db/schema';

/**
 * Watches: made, changed (what they watch, paused, own changes included) and
 * deleted under settings / notifications, so switching an alert off is on
 * the record too. They belong to their owner: never restored from the log.
 */
export const watchEntity = defineEntity({
  subjectType: 'watch',
  table: watches,
  category: 'settings',
  section: 'notifications',
  tracked: ['ownerId', 'name', 'subjectType', 'subjectId', 'property', 'value', 'filter', 'threshold', 'includeOwn', 'paused'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
