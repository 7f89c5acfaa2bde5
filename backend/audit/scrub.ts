import { sql } from 'drizzle-orm';
import type { SubjectType } from '../../shared/enums';
import { runSql, type Tx } from '../db/sql';
import { withAuditMaintenance } from './chain/maintenance';
import { isRedactedSeal, parseSeals, redactedSeal, type Seal, sealsText, type Seals } from './chain/seals';
import { selectAboutSubject } from './subject-rows';
import { canonicalJson } from './values';

/**
 * Removes every recorded value of one property of one object from the log:
 * its before/after on update rows and its key in create/delete snapshots.
 * Used by redaction, which must keep no copy of the removed content anywhere.
 * The rows stay (the log still shows that the property changed, and when).
 * Each erased value's salt is replaced by the commitment it made, so the
 * row's hash, and the chain through it, still verify; the context is hashed
 * too and stays as written. A row reads as redacted from its seals
 * (`hasRedactedSeal`).
 */
export async function scrubRecordedValues(
  tx: Tx,
  orgId: string,
  subject: { type: SubjectType; id: string },
  property: string,
): Promise<void> {
  const path = `$.${property}`;
  const rows = await runSql(
    tx,
    selectAboutSubject(
      sql`id, property, before, after, seals`,
      orgId,
      subject,
      sql`((property = ${property} AND (before IS NOT NULL OR after IS NOT NULL))
        OR (property IS NULL AND (json_type(before, ${path}) NOT IN ('null') OR json_type(after, ${path}) NOT IN ('null'))))`,
    ),
  );
  if (rows.length === 0) return;
  await withAuditMaintenance(tx, 'redaction', async () => {
    for (const row of rows) {
      const seals = parseSeals(row.seals as string | null);
      const before = erase(row.property as string | null, property, row.before as string | null, seals.b);
      const after = erase(row.property as string | null, property, row.after as string | null, seals.a);
      const kept: Seals = { ...(before.seal !== undefined && { b: before.seal }), ...(after.seal !== undefined && { a: after.seal }) };
      await tx.run(sql`UPDATE audit_events SET before = ${before.text}, after = ${after.text}, seals = ${sealsText(kept)} WHERE id = ${row.id as string}`);
    }
  });
}

/** One stored value with `property` erased, and its seal with the erased value's salt turned into its commitment. */
function erase(rowProperty: string | null, property: string, text: string | null, seal: Seal | undefined): { text: string | null; seal: Seal | undefined } {
  if (text === null) return { text, seal };
  if (rowProperty !== null) {
    // A row of an unsealed value (written with the chain off) has no salt to keep a commitment of.
    return { text: null, seal: typeof seal === 'string' && !isRedactedSeal(seal) ? redactedSeal(seal, text) : seal };
  }
  const snapshot = JSON.parse(text) as Record<string, unknown>;
  const value = snapshot[property];
  if (value === null || value === undefined) return { text, seal };
  snapshot[property] = null;
  const keySeal = typeof seal === 'object' ? seal[property] : undefined;
  const keptSeal = typeof seal === 'object' && keySeal !== undefined && !isRedactedSeal(keySeal)
    ? { ...seal, [property]: redactedSeal(keySeal, canonicalJson(value)) }
    : seal;
  return { text: canonicalJson(snapshot), seal: keptSeal };
}

