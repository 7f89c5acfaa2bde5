import { desc, eq } from 'drizzle-orm';
import type { Verification } from '../../../shared/api-client-integrity-responses';
import { auditVerifications, type VerificationTrigger } from '../../db/schema';
import type { Reader } from '../../db/sql';
import type { AppDeps } from '../../deps';
import type { ChainVerification } from './verify-chain';

/*
 * The record of each verification run (audit_verifications): what was
 * checked and what was found, newest first for the admin page, and where
 * the next incremental run may start. A run is a reading of the chain, not
 * a change to the workspace: its row is written here, not as an audit event.
 */

export type VerificationRow = typeof auditVerifications.$inferSelect;

export async function recordVerification(
  deps: Pick<AppDeps, 'writes' | 'newId'>,
  orgId: string,
  trigger: VerificationTrigger,
  startedAt: Date,
  finishedAt: Date,
  result: ChainVerification,
): Promise<VerificationRow> {
  const row: VerificationRow = {
    id: deps.newId(),
    orgId,
    startedAt: startedAt.getTime(),
    finishedAt: finishedAt.getTime(),
    trigger,
    fromSeq: result.fromSeq,
    toSeq: result.toSeq,
    checked: result.checked,
    ok: result.ok,
    firstBadSeq: result.firstBadSequence,
    reason: result.reason,
    checkpointId: result.checkpoint?.id ?? null,
  };
  await deps.writes.run((tx) => tx.insert(auditVerifications).values(row));
  return row;
}

/** The workspace's runs, newest first. */
export function listVerifications(reader: Reader, orgId: string, limit: number): Promise<VerificationRow[]> {
  return reader
    .select()
    .from(auditVerifications)
    .where(eq(auditVerifications.orgId, orgId))
    .orderBy(desc(auditVerifications.finishedAt), desc(auditVerifications.id))
    .limit(limit);
}

export async function latestVerification(reader: Reader, orgId: string): Promise<VerificationRow | null> {
  return (await listVerifications(reader, orgId, 1))[0] ?? null;
}

/** A run as the API answers it (VerificationBody). */
export function presentVerification(row: VerificationRow): Verification {
  return {
    id: row.id,
    trigger: row.trigger,
    ok: row.ok,
    checked: row.checked,
    firstBadSequence: row.firstBadSeq,
    reason: row.reason,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: new Date(row.finishedAt).toISOString(),
    fromSequence: row.fromSeq,
    toSequence: row.toSeq,
    checkpointId: row.checkpointId,
  };
}
