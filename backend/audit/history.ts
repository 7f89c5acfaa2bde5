import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { ApiError } from '../http/errors';

export type HistorySubject = { type: 'customer' | 'conversation'; id: string };

export interface Position {
  occurredAt: number;
  id: string;
}

/**
 * One page of a customer's or conversation's history, newest first. A
 * conversation's history includes its messages, survey and routing events;
 * a customer's is the events on the customer itself. Pages are keyset pages
 * on (occurred_at, id), so a page deep in a long history costs what the
 * first one does.
 */
export async function subjectHistory(db: Db, orgId: string, subject: HistorySubject, limit: number, after?: Position) {
  const filters: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (subject.type === 'conversation') filters.push(eq(auditEvents.conversationId, subject.id));
  else filters.push(eq(auditEvents.customerId, subject.id), eq(auditEvents.subjectType, 'customer'));
  // Row values, not an OR of comparisons: SQLite keeps the index order only for this form.
  if (after) filters.push(sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${after.occurredAt}, ${after.id})`);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

export function encodePosition(p: Position): string {
  return Buffer.from(JSON.stringify([p.occurredAt, p.id])).toString('base64url');
}

export function decodePosition(cursor: string): Position {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof occurredAt === 'number' && Number.isInteger(occurredAt) && typeof id === 'string' && id.length <= 40) {
      return { occurredAt, id };
    }
  } catch {
    // fall through to the one answer for every bad cursor
  }
  throw ApiError.badRequest('The cursor is not valid.');
}
