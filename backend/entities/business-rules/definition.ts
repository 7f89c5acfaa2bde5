import { defineEntity, NO_LINKS } from '../../audit/definition';
import { businessRules } from '../../db/schema';

/** Business rules: on/off, name, description, trigger, criteria, actions. */
export const businessRuleEntity = defineEntity({
  subjectType: 'business_rule',
  table: businessRules,
  category: 'settings',
  section: 'business_rule',
  tracked: ['name', 'description', 'enabled', 'trigger', 'criteria', 'actions'],
  label: (row) => row.name,
  links: () => NO_LINKS,
  restore: {},
});
