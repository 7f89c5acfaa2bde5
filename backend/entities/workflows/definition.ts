import { defineEntity, NO_LINKS } from '../../audit/definition';
import { workflows } from '../../db/schema';

/** Workflows: name, description, triggers, variables, on/off, plus their steps. */
export const workflowEntity = defineEntity({
  subjectType: 'workflow',
  table: workflows,
  category: 'settings',
  section: 'workflow',
  tracked: ['name', 'description', 'enabled', 'triggers', 'variables', 'steps'],
  label: (row) => row.name,
  links: () => NO_LINKS,
  restore: {},
});
