import { defineEntity, NO_LINKS } from '../../audit/definition';
import { streamDestinations } from '../../db/schema';

/**
 * Where the log is streamed out to, filed under settings › integrations.
 * The webhook secret is never recorded: a rotation is its own `key_rotated`
 * event without values.
 */
export const destinationEntity = defineEntity({
  subjectType: 'stream_destination',
  table: streamDestinations,
  category: 'settings',
  section: 'integrations',
  tracked: ['name', 'kind', 'url', 'directory', 'rotateBytes', 'rotateMinutes', 'filter', 'pauseAfterMinutes', 'status', 'pausedReason'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});

export type DestinationRow = typeof streamDestinations.$inferSelect;
