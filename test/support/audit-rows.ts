import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import type { TestWorkspace } from './harness';

/**
 * Audit rows read straight from the table, oldest first, for objects that
 * have no history endpoint of their own (settings, billing).
 */
export async function auditRowsOf(ws: TestWorkspace, subjectId: string): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, subjectId))
    .orderBy(asc(auditEvents.id));
  return rows.map(presentAuditEvent);
}

/** Every audit row of one change, oldest first. */
export async function auditRowsOfChange(ws: TestWorkspace, changeId: string): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.changeId, changeId))
    .orderBy(asc(auditEvents.id));
  return rows.map(presentAuditEvent);
}

/** The JSON body of a response, after checking its status. */
export async function bodyOf<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}
