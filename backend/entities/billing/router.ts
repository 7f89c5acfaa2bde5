import { Hono } from 'hono';
import { PaymentMethodPut, SubscriptionPatch } from '../../../shared/schemas/billing';
import { getEntity } from '../../audit/engine';
import { principalOf } from '../../auth/authenticate';
import { requires } from '../../auth/require';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { ApiError } from '../../errors';
import { validate } from '../../http/validate';
import { presentEntity } from '../present';
import { saveBillingAccount } from './account';
import { billingAccountEntity } from './definition';

/** `/billing`: the workspace's subscription and card on file, admins only. */
export function billingRouter(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requires('billing:read'), async (c) => {
      const orgId = principalOf(c).orgId;
      // 404 until the first billing change creates the account.
      return c.json(presentEntity(await getEntity(deps.db.reader, orgId, billingAccountEntity, orgId)));
    })
    .patch('/subscription', requires('billing:write'), validate('json', SubscriptionPatch), async (c) => {
      const input = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const email = principalOf(c).user?.email;
      const row = await deps.writes.run((tx) => saveBillingAccount(tx, ctx, input, email));
      return c.json(presentEntity(row));
    })
    .put('/payment-method', requires('billing:write'), validate('json', PaymentMethodPut), async (c) => {
      const card = c.req.valid('json');
      const ctx = auditContext(c, deps);
      const now = ctx.now();
      if (card.expYear * 12 + card.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
        throw ApiError.badRequest('This card has expired.', [{ path: 'expYear', message: 'the card expired before this month' }]);
      }
      const email = principalOf(c).user?.email;
      const row = await deps.writes.run((tx) => saveBillingAccount(tx, ctx, { paymentMethod: card }, email));
      return c.json(presentEntity(row));
    });
}
