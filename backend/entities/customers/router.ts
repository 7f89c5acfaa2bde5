import { like, or } from 'drizzle-orm';
import { CustomerCreate, CustomerPatch, MergeRequest } from '../../../shared/schemas/customers';
import { IdParam } from '../../../shared/schemas/common';
import { subjectHistoryRouter } from '../../audit/history-router';
import { requires } from '../../auth/require';
import { customers } from '../../db/schema';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { crudRoutes } from '../crud-routes';
import { presentEntity } from '../present';
import { assertCompanyLink } from './company-link';
import { customerEntity } from './definition';
import { mergeCustomer } from './merge';

export function customersRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: customerEntity,
    create: CustomerCreate,
    patch: CustomerPatch,
    read: 'support:read',
    write: 'support:write',
    searchable: (q) => or(like(customers.name, `%${q}%`), like(customers.emails, `%${q}%`)),
    toNew: async (tx, ctx, input) => {
      await assertCompanyLink(tx, ctx.orgId, input);
      return input;
    },
    toPatch: async (tx, ctx, input) => {
      await assertCompanyLink(tx, ctx.orgId, input);
      return input;
    },
  })
    .post('/:id/merge', requires('support:write'), validate('param', IdParam), validate('json', MergeRequest), async (c) => {
      const ctx = auditContext(c, deps);
      const merged = await deps.writes.run((tx) => mergeCustomer(tx, ctx, c.req.valid('param').id, c.req.valid('json').targetId));
      return c.json(presentEntity(merged));
    })
    .route('/:id/audit', subjectHistoryRouter(deps, 'customer'));
}
