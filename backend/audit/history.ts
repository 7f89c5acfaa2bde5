import type { AuditPage } from '../../shared/audit-event';
import type { AuditFilters } from '../../shared/schemas/audit';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/client';
import { auditPage } from './query/page';
import type { HistorySubject } from './query/where';

export type { HistorySubject } from './query/where';

/**
 * One page of a customer's or conversation's history, newest first, with the
 * log's filters and signed cursors. A conversation's history includes its
 * messages, survey and routing events (every row linked to it); a
 * customer's is the events on the customer itself. Every category of row
 * about the subject is included: reading a subject's history is its own
 * permission (audit:subject), see auditCategoriesOf.
 */
export function subjectHistory(
  db: Db,
  principal: Principal,
  subject: HistorySubject,
  filters: AuditFilters,
  cursorKey: Buffer,
): Promise<AuditPage> {
  return auditPage(db, principal, filters, { cursorKey, subject });
}
