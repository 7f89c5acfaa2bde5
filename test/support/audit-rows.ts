import { and, asc, eq, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import type { Category } from '../../shared/enums';
import type { TestWorkspace } from './harness';

/** Audit rows read straight from the table, presented as the API serves them. */
async function storedRows(ws: TestWorkspace, where: SQL | undefined, ...order: SQL[]): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader.select().from(auditEvents).where(where).orderBy(...order);
  return rows.map(presentAuditEvent);
}

/**
 * Audit rows read straight from the table, oldest first, for objects that
 * have no history endpoint of their own (settings, billing).
 */
export function auditRowsOf(ws: TestWorkspace, subjectId: string): Promise<AuditEvent[]> {
  return storedRows(ws, eq(auditEvents.subjectId, subjectId), asc(auditEvents.id));
}

/** Every audit row of one change, oldest first. */
export function auditRowsOfChange(ws: TestWorkspace, changeId: string): Promise<AuditEvent[]> {
  return storedRows(ws, eq(auditEvents.changeId, changeId), asc(auditEvents.id));
}

/** Every audit row about one agent's routing state, oldest first. */
export function agentRowsOf(ws: TestWorkspace, userId: string): Promise<AuditEvent[]> {
  const agent = and(eq(auditEvents.orgId, ws.orgId), eq(auditEvents.subjectType, 'agent'), eq(auditEvents.subjectId, userId));
  return storedRows(ws, agent, asc(auditEvents.occurredAt), asc(auditEvents.id));
}

/** A conversation's history as an agent reads it through the API. */
export async function conversationHistoryOf(ws: TestWorkspace, id: string): Promise<AuditEvent[]> {
  const res = await ws.call('GET', `/api/v1/conversations/${id}/audit`, { token: ws.tokens.agent });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

/** The JSON body of a response, after checking its status. */
export async function bodyOf<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * One audit row of `category` recorded at `at` (epoch ms) by the system: a
 * rename of customer `subject-<word>` to `word`, so a test can find it by the
 * word (retention tests move the clock rather than rows, which the log's
 * triggers would refuse).
 */
export async function appendEventAt(ws: TestWorkspace, at: number, category: Category, word: string): Promise<void> {
  await ws.deps.writes.run((tx) =>
    appendAudit(tx, { ...ws.systemCtx(), now: () => new Date(at) }, [
      {
        event: 'update',
        category,
        section: 'customer',
        subject: { type: 'customer', id: `subject-${word}`, label: word },
        links: NO_LINKS,
        property: 'name',
        before: null,
        after: word,
      },
    ]),
  );
}
