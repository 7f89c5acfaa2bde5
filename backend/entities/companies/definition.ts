import { defineEntity, NO_LINKS } from '../../audit/definition';
import { companies } from '../../db/schema';

/** Companies: filed under the customer event type, in their own section. */
export const companyEntity = defineEntity({
  subjectType: 'company',
  table: companies,
  category: 'customer',
  section: 'company',
  tracked: [
    'name',
    'externalId',
    'avatarUrl',
    'emails',
    'phones',
    'socials',
    'urls',
    'location',
    'domain',
    'employeeCount',
    'tags',
    'defaultLanguage',
    'custom',
  ],
  label: (row) => row.name,
  links: () => NO_LINKS,
  restore: {},
});
