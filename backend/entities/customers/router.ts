import { and, eq, isNull, like, or } from 'drizzle-orm';
import { CustomerCreate, CustomerPatch, MergeRequest } from '../../../shared/schemas/customers';
import { withChange } from '../../audit/context';
import { updateEntity } from '../../audit/engine';
import { requires } from '../../auth/require';
import { companies, conversations, customers } from '../../db/schema';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../http/deps';
import { validate } from '../../http/validate';
import { conversationEntity } from '../conversations/definition';
import { crudRoutes } from '../crud';
import { assertDistinct, retireMerged } from '../merge';
import { presentEntity } from '../present';
import { assertReferences } from '../references';
import { customerEntity } from './definition';

export function customersRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: customerEntity,
    create: CustomerCreate,
    patch: CustomerPatch,
    read: 'support:read',
    write: 'support:write',
    searchable: (q) => or(like(customers.name, `%${q}%`), like(customers.emails, `%${q}%`)),
    toNew: async (tx, ctx, input) => {
      await assertReferences(tx, ctx.orgId, companies, 'companyId', [input.companyId]);
      return input;
    },
    toPatch: async (tx, ctx, input) => {
      await assertReferences(tx, ctx.orgId, companies, 'companyId', [input.companyId]);
      return input;
    },
  }).post('/:id/merge', requires('support:write'), validate('json', MergeRequest), async (c) => {
    const sourceId = c.req.param('id');
    const { targetId } = c.req.valid('json');
    assertDistinct(sourceId, targetId);
    const ctx = withChange(auditContext(c, deps));
    const merged = await deps.writes.run(async (tx) => {
      const { source, target } = await retireMerged(tx, ctx, customerEntity, sourceId, targetId);
      // The survivor keeps every way of reaching the customer, and their conversations.
      await updateEntity(tx, ctx, customerEntity, targetId, {
        emails: union(target.emails, source.emails),
        phones: union(target.phones, source.phones),
        tags: union(target.tags, source.tags),
      });
      const moved = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.customerId, sourceId), isNull(conversations.deletedAt)));
      for (const { id } of moved) {
        await updateEntity(tx, ctx, conversationEntity, id, { customerId: targetId });
      }
      return (await updateEntity(tx, ctx, customerEntity, targetId, {})).row;
    });
    return c.json(presentEntity(merged));
  });
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
