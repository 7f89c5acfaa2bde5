import { and, eq, lte, sql } from 'drizzle-orm';
import type { AuditContext } from '../audit/context';
import { NO_LINKS } from '../audit/definition';
import { appendAudit, type AuditDraft } from '../audit/engine';
import type { Tx } from '../db/client';
import { accessDeniedWindows } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';

/**
 * How long repeats of one refusal (same caller, endpoint and permission) are
 * counted instead of each written: a script retrying a forbidden call cannot
 * flood the log, and the log still says how often it tried, at most this late.
 */
export const ACCESS_DENIED_WINDOW_MS = 10 * 60_000;

/** At most this many closed windows are summarized per sweep transaction, so one sweep never holds the writer long. */
const SWEEP_BATCH = 200;

/** One refused request: who, on which endpoint pattern, lacking which permission. */
export interface Refusal {
  subject: { type: 'user' | 'api_key'; id: string; label: string };
  method: string;
  route: string;
  permission: string;
}

type WindowRow = typeof accessDeniedWindows.$inferSelect;

const draftOf = (subject: AuditDraft['subject'], context: Record<string, unknown>): AuditDraft => ({
  event: 'access_denied',
  category: 'authorization',
  section: 'user_login',
  subject,
  links: NO_LINKS,
  property: null,
  before: null,
  after: null,
  context,
});

/** What makes two refusals repeats of one another. */
type WindowKey = Pick<WindowRow, 'orgId' | 'subjectType' | 'subjectId' | 'method' | 'route' | 'permission'>;

function whereKey(key: WindowKey) {
  return and(
    eq(accessDeniedWindows.orgId, key.orgId),
    eq(accessDeniedWindows.subjectType, key.subjectType),
    eq(accessDeniedWindows.subjectId, key.subjectId),
    eq(accessDeniedWindows.method, key.method),
    eq(accessDeniedWindows.route, key.route),
    eq(accessDeniedWindows.permission, key.permission),
  );
}

/**
 * Records a refusal in `tx`. The first of a window is written as an
 * `access_denied` row at once (the evidence is never late); repeats within
 * the window only increment its count. A refusal after the window has closed
 * first summarizes the closed window, then starts a new one.
 * The window lives in the database, read and changed in the caller's write
 * transaction, so processes sharing the database count together.
 */
export async function recordRefusal(tx: Tx, ctx: AuditContext, refusal: Refusal): Promise<'written' | 'counted'> {
  const now = ctx.now().getTime();
  const { method, route, permission } = refusal;
  const key: WindowKey = { orgId: ctx.orgId, subjectType: refusal.subject.type, subjectId: refusal.subject.id, method, route, permission };
  const [open] = await tx.select().from(accessDeniedWindows).where(whereKey(key)).limit(1);
  if (open && now < open.windowStart + ACCESS_DENIED_WINDOW_MS) {
    const lastRepeat = { actor: ctx.actor, subjectLabel: refusal.subject.label, source: ctx.source };
    await tx
      .update(accessDeniedWindows)
      .set({ repeats: sql`${accessDeniedWindows.repeats} + 1`, lastRepeat })
      .where(whereKey(key));
    return 'counted';
  }
  if (open) await closeWindow(tx, ctx, open);
  await appendAudit(tx, ctx, [draftOf(refusal.subject, { method, route, permission })]);
  await tx.insert(accessDeniedWindows).values({ ...key, windowStart: now, repeats: 0 });
  return 'written';
}

/**
 * Writes the summary of a closed window (when it had repeats) and deletes the
 * window, in the same transaction: whichever process does it, it happens once.
 * The summary is attributed to the caller of the latest repeat, as from where
 * that repeat came.
 */
async function closeWindow(tx: Tx, ctx: Pick<AuditContext, 'now' | 'newId'>, window: WindowRow): Promise<void> {
  if (window.repeats > 0 && window.lastRepeat) {
    const { actor, subjectLabel, source } = window.lastRepeat;
    await appendAudit(tx, { orgId: window.orgId, actor, source, now: ctx.now, newId: ctx.newId }, [
      draftOf(
        { type: window.subjectType, id: window.subjectId, label: subjectLabel },
        {
          method: window.method,
          route: window.route,
          permission: window.permission,
          repeats: window.repeats,
          windowStart: new Date(window.windowStart).toISOString(),
          windowEnd: new Date(window.windowStart + ACCESS_DENIED_WINDOW_MS).toISOString(),
        },
      ),
    ]);
  }
  await tx.delete(accessDeniedWindows).where(whereKey(window));
}

/**
 * Summarizes every window that has closed, so no repeat goes unrecorded when
 * no further refusal comes. Each batch is one write transaction that reads
 * and deletes the windows it summarizes: a sweep in another process sharing
 * the database runs before or after it (SQLite serializes write
 * transactions) and finds them gone, so each summary is written once.
 * Resolves with the number of windows closed.
 */
export async function sweepClosedWindows(deps: { writes: WriteQueue; now(): Date; newId(): string }): Promise<number> {
  let closed = 0;
  for (;;) {
    const batch = await deps.writes.run(async (tx) => {
      const cutoff = deps.now().getTime() - ACCESS_DENIED_WINDOW_MS;
      const rows = await tx.select().from(accessDeniedWindows).where(lte(accessDeniedWindows.windowStart, cutoff)).limit(SWEEP_BATCH);
      for (const row of rows) await closeWindow(tx, deps, row);
      return rows.length;
    });
    closed += batch;
    if (batch < SWEEP_BATCH) return closed;
  }
}
