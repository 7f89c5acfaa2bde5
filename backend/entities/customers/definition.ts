import { defineEntity } from '../../audit/definition';
import { customers } from '../../db/schema';
import { assertCompanyLink } from './company-link';

/** Customers: every attribute, custom attributes included. */
export const customerEntity = defineEntity({
  subjectType: 'customer',
  table: customers,
  category: 'customer',
  section: 'customer',
  tracked: [
    'name',
    'username',
    'avatarUrl',
    'emails',
    'phones',
    'urls',
    'location',
    'timezone',
    'birthday',
    'gender',
    'tags',
    'defaultLanguage',
    'companyId',
    'companyExternalId',
    'signedUpAt',
    'socials',
    'facebookId',
    'custom',
  ],
  label: (row) => row.name,
  links: (row) => ({ customerId: row.id, conversationId: null }),
  restore: {
    toPatch: async (tx, ctx, patch) => {
      await assertCompanyLink(tx, ctx.orgId, patch);
      return patch;
    },
  },
});
