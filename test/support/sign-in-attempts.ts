import { and, asc, eq } from 'drizzle-orm';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import type { AuditEvent } from '../../shared/audit-event';
import type { TestWorkspace } from './harness';

/** A clock tests move by hand, for createTestWorkspace({ now }). */
export function manualClock(start = '2030-01-07T09:00:00.000Z') {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

/** What a caller can observe of a response: status, headers (but the per-request id) and the exact body. */
export interface Observed {
  status: number;
  headers: [string, string][];
  body: string;
}

export async function observe(res: Response): Promise<Observed> {
  const headers = [...res.headers.entries()].filter(([name]) => name !== 'x-request-id');
  return { status: res.status, headers, body: await res.text() };
}

/** One API sign-in attempt. */
export function signInAttempt(ws: TestWorkspace, email: string, password: string): Promise<Response> {
  return ws.call('POST', '/api/v1/auth/login', { body: { email, password } });
}

/** One sign-in through the workspace's form, posted as a browser on this site would. */
export async function workspaceSignInAttempt(ws: TestWorkspace, email: string, password: string): Promise<Response> {
  return ws.app.request('/workspace/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

/** A token for `email`, signed in through the API (fails the test otherwise). */
export async function tokenFor(ws: TestWorkspace, email: string, password: string): Promise<string> {
  const res = await signInAttempt(ws, email, password);
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The sign-in events (category authorization) about one user, oldest first. */
export async function signInEventsOf(ws: TestWorkspace, userId: string): Promise<AuditEvent[]> {
  const rows = await ws.deps.db.reader
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.category, 'authorization')))
    .orderBy(asc(auditEvents.id));
  return rows.map(presentAuditEvent);
}

/** Every stored audit row as text, to search for what must never be there. */
export async function allAuditText(ws: TestWorkspace): Promise<string> {
  return JSON.stringify(await ws.deps.db.reader.select().from(auditEvents));
}
