import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, lifecycle } from './columns';
import { organizations } from './workspace';

/** The card on file, as the payment provider describes it; never the full number. */
export type PaymentMethod = { brand: string; last4: string; expMonth: number; expYear: number } | null;

/** One billing account per workspace; its id is the organization's id. */
export const billingAccounts = sqliteTable('billing_accounts', {
  id: text('id')
    .primaryKey()
    .references(() => organizations.id),
  orgId: text('org_id').notNull().references(() => organizations.id),
  plan: text('plan').notNull(),
  seats: integer('seats').notNull(),
  billingEmail: text('billing_email').notNull(),
  paymentMethod: json<PaymentMethod>('payment_method'),
  ...lifecycle(),
});
