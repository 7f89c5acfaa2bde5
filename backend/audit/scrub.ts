import { sql } from 'drizzle-orm';
import type { SubjectType } from '../../shared/enums';
import type { Tx } from '../db/sql';

/**
 * Removes every recorded value of one property of one object from the log:
 * its before/after on update rows and its key in create/delete snapshots.
 * Used by redaction, which must keep no copy of the removed content anywhere.
 * The rows stay (the log still shows that the property changed, and when),
 * marked `redacted` in their context.
 */
export async function scrubRecordedValues(
  tx: Tx,
  orgId: string,
  subject: { type: SubjectType; id: string },
  property: string,
): Promise<void> {
  const path = `$.${property}`;
  const bySubject = sql`org_id = ${orgId} AND subject_type = ${subject.type} AND subject_id = ${subject.id}`;
  const markRedacted = sql`json_set(coalesce(context, '{}'), '$.redacted', json('true'))`;
  await tx.run(sql`
    UPDATE audit_events SET before = NULL, after = NULL, context = ${markRedacted}
    WHERE ${bySubject} AND property = ${property} AND (before IS NOT NULL OR after IS NOT NULL)`);
  await tx.run(sql`
    UPDATE audit_events SET
      before = CASE WHEN json_type(before, ${path}) IS NULL THEN before ELSE json_set(before, ${path}, json('null')) END,
      after = CASE WHEN json_type(after, ${path}) IS NULL THEN after ELSE json_set(after, ${path}, json('null')) END,
      context = ${markRedacted}
    WHERE ${bySubject} AND property IS NULL
      AND (json_type(before, ${path}) NOT IN ('null') OR json_type(after, ${path}) NOT IN ('null'))`);
}
