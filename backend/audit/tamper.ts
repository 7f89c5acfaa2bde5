import type { AppDeps } from '../deps';
import type { AuditContext } from './context';
import { NO_LINKS } from './definition';
import { appendAudit, type AuditDraft } from './engine';
import type { Logger } from '../logger';

/** How the append-only triggers (migration 0007) begin every refusal they raise. */
const REFUSAL_PREFIX = 'append-only audit log:';

/**
 * The trigger's refusal (`UPDATE of audit_events refused`, …) when `error`,
 * or an error it was caused by, is one: a write job tried to change or
 * remove audit rows, tombstones, checkpoints or a chain head. Null otherwise.
 */
export function appendOnlyRefusalOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const at = e.message.indexOf(REFUSAL_PREFIX);
    if (at !== -1) return e.message.slice(at + REFUSAL_PREFIX.length).trim();
  }
  return null;
}

/**
 * A write queue failure listener (WriteQueue.onJobFailed) that logs every
 * change of the log the append-only triggers refused, as an error, whatever
 * job attempted it: a request, a schedule, a script.
 */
export function logTamperRefused(log: Logger): (error: unknown) => void {
  return (error) => {
    const refusal = appendOnlyRefusalOf(error);
    if (refusal === null) return;
    log.error('the append-only audit log refused a change', {
      refusal,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  };
}

/** What is known of a refused attempt besides who made it. */
export interface RefusedAttempt {
  /** The trigger's words, e.g. `UPDATE of audit_events refused`. */
  refusal: string;
  /** Who the attempt is filed under: the caller themselves (user or API key). */
  subject: AuditDraft['subject'];
  method?: string;
  route?: string;
}

/**
 * Records an attempt to change the log that the append-only triggers
 * refused (logTamperRefused has logged it) as a `tamper_refused` event of
 * the workspace it was made in, in its own transaction: the attempt's own
 * transaction rolled back with everything it wrote. A failure to record is
 * logged, never thrown: the caller is already answering an error.
 */
export async function recordTamperRefused(deps: Pick<AppDeps, 'writes' | 'log'>, ctx: AuditContext, attempt: RefusedAttempt): Promise<void> {
  const { refusal, subject, ...where } = attempt;
  const draft: AuditDraft = {
    event: 'tamper_refused',
    category: 'settings',
    section: 'access',
    subject,
    links: NO_LINKS,
    property: null,
    before: null,
    after: null,
    context: { refusal, ...where },
  };
  try {
    await deps.writes.run((tx) => appendAudit(tx, ctx, [draft]));
  } catch (error) {
    deps.log.error('recording a refused change of the audit log failed', { orgId: ctx.orgId, error: String(error) });
  }
}
