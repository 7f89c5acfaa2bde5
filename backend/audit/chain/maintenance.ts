import type { Tx } from '../../db/sql';
import { rawHandleOf } from '../../db/sql';

export type MaintenanceReason = 'purge' | 'redaction' | 'sealing';

/**
 * Runs `job` with the append-only triggers of the audit tables lifted, inside
 * `tx` only: the audit_maintenance row is inserted before and deleted after,
 * in the same transaction, so no other transaction ever sees it and a job
 * that fails rolls it back with everything else. Only the purge, redaction
 * and legacy-sealing paths call this.
 */
export async function withAuditMaintenance<T>(tx: Tx, reason: MaintenanceReason, job: () => Promise<T>): Promise<T> {
  const handle = rawHandleOf(tx);
  await handle.execute({ sql: 'insert into audit_maintenance (id, reason) values (1, ?)', args: [reason] });
  const result = await job();
  await handle.execute('delete from audit_maintenance where id = 1');
  return result;
}
