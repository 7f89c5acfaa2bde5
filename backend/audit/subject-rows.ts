import { type SQL, sql } from 'drizzle-orm';
import type { SubjectType } from '../../shared/enums';

/**
 * The audit rows about one object, as a query of `columns` narrowed by
 * `where`. A row about a conversation or a customer itself carries that id
 * as its link too, so the link indexes already find it; the subject index
 * holds only the rows whose subject is neither of their links (a message, a
 * setting, an ingested event about an object not linked to itself). Each
 * part below names its index's terms so SQLite can use it (the last one
 * repeats the partial index's own condition, word for word), and no row
 * meets two parts' conditions, so each row comes once.
 */
export function selectAboutSubject(columns: SQL, orgId: string, subject: { type: SubjectType; id: string }, where: SQL): SQL {
  const about = sql`audit_events.org_id = ${orgId} and audit_events.subject_type = ${subject.type} and audit_events.subject_id = ${subject.id}`;
  return sql`select ${columns} from audit_events where ${about} and audit_events.conversation_id = ${subject.id} and ${where}
    union all select ${columns} from audit_events where ${about} and audit_events.customer_id = ${subject.id}
      and audit_events.conversation_id is not ${subject.id} and ${where}
    union all select ${columns} from audit_events where ${about}
      and audit_events.subject_id is not audit_events.conversation_id and audit_events.subject_id is not audit_events.customer_id
      and ${where}`;
}
