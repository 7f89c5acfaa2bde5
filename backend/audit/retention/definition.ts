import { defineEntity, NO_LINKS } from '../definition';
import { retentionSettings } from '../../db/schema';

export const RETENTION_LABEL = 'Audit log retention';

/**
 * A workspace's audit-log retention (id = org id). Filed under settings,
 * section access: how long the log keeps who did what is part of the
 * admin's security area, next to users and API keys.
 */
export const retentionEntity = defineEntity({
  subjectType: 'retention_settings',
  table: retentionSettings,
  category: 'settings',
  section: 'access',
  tracked: ['days', 'categoryDays'],
  label: () => RETENTION_LABEL,
  links: () => NO_LINKS,
});
