import { defineEntity, NO_LINKS } from '../../audit/definition';
import { billingAccounts } from '../../db/schema';

/** The workspace's billing account (id = org id): subscription and the card on file, never its number. */
export const billingAccountEntity = defineEntity({
  subjectType: 'billing_account',
  table: billingAccounts,
  category: 'billing',
  section: 'billing',
  tracked: ['plan', 'seats', 'billingEmail', 'paymentMethod'],
  label: () => 'Billing account',
  links: () => NO_LINKS,
  restore: {},
});
