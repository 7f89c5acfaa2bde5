import type { Tx } from '../../db/sql';
import { rawHandleOf } from '../../db/sql';

export type MaintenanceReason = 'purge' | 'redaction' | 'sealing';

/**
 * Runs `job` with the append-only triggers of the audit tables lifted, inside
 * `tx` only: the audit_maintenance row is inserted before and deleted after,
 * in the same transaction (also when the job fails), so no other
 * transaction ever sees it, nor any later statement of this one. Only the
 * purge, redaction and legacy-sealing paths call this.
 */
export async function withAuditMaintenance<T>(tx: Tx, reason: MaintenanceReason, job: () => Promise<T>): Promise<T> {
  const handle = rawHandleOf(tx);
  await handle.execute({ sql: 'insert into audit_maintenance (id, reason) values (1, ?)', args: [reason] });
  try {
    return await job();
  } finally {
    // Also when the job fails: a caller that catches the failure and goes on in this transaction must find the triggers back.
    await handle.execute('delete from audit_maintenance where id = 1');
  }
}
