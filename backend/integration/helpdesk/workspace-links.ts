import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { ID_PATTERN } from '../../../shared/schemas/common';
import type { SubjectLinks } from '../../audit/definition';
import { conversations, customers } from '../../db/schema';
import type { Tx } from '../../db/sql';
import type { ObjectFiling } from './object-types';

/**
 * The workspace customer and conversation a helpdesk object's changes are
 * filed under, so they appear in the histories agents read in the panel:
 * - an object whose id is the id of the workspace's own customer or
 *   conversation of the same kind is that object (a helpdesk that keeps
 *   Auditdesk's ids, or the demo);
 * - otherwise a customer with the email the delivery names (a customer's
 *   own email, or for a conversation its customer's), the oldest such
 *   customer when several share it, deleted ones left out.
 * Companies are filed under no customer. Read in the write transaction.
 */
export async function workspaceLinksOf(tx: Tx, orgId: string, filing: ObjectFiling, object: { id: string; email: string | null }): Promise<SubjectLinks> {
  const ownId = ID_PATTERN.test(object.id) ? object.id : null;
  if (filing.subjectType === 'customer' && ownId) {
    const [row] = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.orgId, orgId), eq(customers.id, ownId)));
    if (row) return { customerId: row.id, conversationId: null };
  }
  if (filing.subjectType === 'conversation' && ownId) {
    const [row] = await tx
      .select({ id: conversations.id, customerId: conversations.customerId })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.id, ownId)));
    if (row) return { customerId: row.customerId, conversationId: row.id };
  }
  if (filing.subjectType === 'company' || object.email === null) return { customerId: null, conversationId: null };
  const [byEmail] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.orgId, orgId),
        isNull(customers.deletedAt),
        sql`exists (select 1 from json_each(${customers.emails}) where value = ${object.email})`,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(1);
  return { customerId: byEmail?.id ?? null, conversationId: null };
}
