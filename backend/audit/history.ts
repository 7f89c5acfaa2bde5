import type { AuditFilters } from '../../shared/schemas/audit';
import type { Principal } from '../auth/principal';
import type { Reader } from '../db/sql';
import { auditPageJson } from './query/page';
import type { HistorySubject } from './query/where';

export type { HistorySubject } from './query/where';

/**
 * One page of a customer's or conversation's history, newest first, with the
 * log's filters and signed cursors, as the JSON text of an AuditPage. A
 * conversation's history includes its messages, survey and routing events
 * (every row linked to it); a customer's is the events on the customer
 * itself. Every category of row about the subject is included: reading a
 * subject's history is its own permission (audit:subject), see
 * auditCategoriesOf.
 */
export function subjectHistoryJson(
  db: Reader,
  principal: Principal,
  subject: HistorySubject,
  filters: AuditFilters,
  cursorKey: Buffer,
): Promise<string> {
  return auditPageJson(db, principal, filters, { cursorKey, subject });
}
