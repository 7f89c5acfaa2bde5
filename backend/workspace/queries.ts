import { and, asc, desc, eq, isNull, like, lt, or } from 'drizzle-orm';
import type { Reader } from '../db/sql';
import { companies, conversations, customers, messages, teams, users } from '../db/schema';
import { decodeIdCursor, encodeIdCursor } from '../entities/id-cursor';

/*
 * What the workspace pages read. Every query is scoped by the viewer's org
 * and skips deleted rows: another workspace's ids simply find nothing.
 */

export type CustomerRow = typeof customers.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export const CUSTOMERS_PER_PAGE = 25;

/** Customers, most recent first, optionally matching `q` in the name or an email. */
export async function listCustomers(reader: Reader, orgId: string, query: { q?: string | undefined; cursor?: string | undefined }) {
  const filters = [eq(customers.orgId, orgId), isNull(customers.deletedAt)];
  if (query.cursor) filters.push(lt(customers.id, decodeIdCursor(query.cursor)));
  if (query.q) {
    const pattern = `%${query.q}%`;
    const search = or(like(customers.name, pattern), like(customers.emails, pattern));
    if (search) filters.push(search);
  }
  const rows = await reader
    .select()
    .from(customers)
    .where(and(...filters))
    .orderBy(desc(customers.id))
    .limit(CUSTOMERS_PER_PAGE + 1);
  const page = rows.slice(0, CUSTOMERS_PER_PAGE);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > CUSTOMERS_PER_PAGE && last ? encodeIdCursor(last.id) : null };
}

/** The conversations that changed last, with their customer's name. */
export function recentConversations(reader: Reader, orgId: string, limit = 10) {
  return reader
    .select({ conversation: conversations, customerName: customers.name })
    .from(conversations)
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(eq(conversations.orgId, orgId), isNull(conversations.deletedAt)))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit);
}

export function customerConversations(reader: Reader, orgId: string, customerId: string) {
  return reader
    .select()
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.customerId, customerId), isNull(conversations.deletedAt)))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id));
}

export function conversationMessages(reader: Reader, orgId: string, conversationId: string) {
  return reader
    .select()
    .from(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.conversationId, conversationId), isNull(messages.deletedAt)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

/** The people a conversation can be assigned to. */
export function orgUsers(reader: Reader, orgId: string) {
  return reader
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.orgId, orgId), isNull(users.deletedAt)))
    .orderBy(asc(users.name));
}

export function orgTeams(reader: Reader, orgId: string) {
  return reader.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.orgId, orgId)).orderBy(asc(teams.name));
}

export async function companyName(reader: Reader, orgId: string, companyId: string | null): Promise<string | null> {
  if (!companyId) return null;
  const [row] = await reader
    .select({ name: companies.name })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.id, companyId), isNull(companies.deletedAt)));
  return row?.name ?? null;
}

/** A conversation's customer, even if since deleted: the conversation still names them. */
export async function customerOf(reader: Reader, orgId: string, customerId: string): Promise<CustomerRow | undefined> {
  const [row] = await reader
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  return row;
}
