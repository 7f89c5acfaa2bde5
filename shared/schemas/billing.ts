import * as v from 'valibot';
import { Email, SafeString } from './common';

export const BILLING_PLANS = ['starter', 'pro', 'enterprise'] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];

/** PATCH /billing/subscription: any subset. */
export const SubscriptionPatch = v.strictObject({
  plan: v.optional(v.picklist(BILLING_PLANS)),
  seats: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
  billingEmail: v.optional(Email),
});

/**
 * PUT /billing/payment-method: the card as the payment provider describes
 * it. Never the card number: only its last four digits, and the strict
 * object refuses any field (a `number`, a `cvc`) that is not listed here.
 */
export const PaymentMethodPut = v.strictObject({
  brand: v.picklist(['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', 'unionpay', 'other']),
  last4: v.pipe(SafeString, v.regex(/^[0-9]{4}$/, 'must be the last 4 digits of the card, never the full number')),
  expMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
  expYear: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
});

export type SubscriptionPatchInput = v.InferOutput<typeof SubscriptionPatch>;
export type PaymentMethodInput = v.InferOutput<typeof PaymentMethodPut>;
