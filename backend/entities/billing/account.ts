import type { AuditContext } from '../../audit/context';
import { createEntity, type EntityPatch, findEntity, updateEntity } from '../../audit/engine';
import type { Tx } from '../../db/sql';
import type { billingAccounts } from '../../db/schema';
import { ApiError } from '../../errors';
import { billingAccountEntity } from './definition';

type AccountPatch = EntityPatch<typeof billingAccounts>;

/**
 * Applies `patch` to the workspace's billing account. A workspace without
 * one gets it on its first billing change: a single `create` row holding the
 * defaults (starter plan, one seat, the admin's email) with the patch
 * applied, rather than a create followed by updates.
 */
export async function saveBillingAccount(tx: Tx, ctx: AuditContext, patch: AccountPatch, adminEmail: string | undefined) {
  const current = await findEntity(tx, ctx.orgId, billingAccountEntity, ctx.orgId);
  if (current) return (await updateEntity(tx, ctx, billingAccountEntity, ctx.orgId, patch)).row;

  const billingEmail = patch.billingEmail ?? adminEmail;
  if (!billingEmail) throw ApiError.badRequest('A new billing account needs a billingEmail.');
  return createEntity(tx, ctx, billingAccountEntity, {
    id: ctx.orgId,
    plan: 'starter',
    seats: 1,
    paymentMethod: null,
    ...patch,
    billingEmail,
  });
}
