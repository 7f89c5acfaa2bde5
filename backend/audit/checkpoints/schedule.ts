import { sql } from 'drizzle-orm';
import { runSql } from '../../db/sql';
import type { AppDeps } from '../../deps';
import type { Logger } from '../../logger';
import { periodicJob, type PeriodicJob } from '../../schedule/every';
import type { CheckpointRow } from './queries';
import { type SignDeps, signCheckpointNow } from './sign';

export type CheckpointScheduleDeps = SignDeps & Pick<AppDeps, 'db' | 'schedule'> & { log: Logger };

/**
 * Signs a checkpoint (reason `schedule`) for every workspace whose chain
 * head moved past its latest checkpoint; a workspace whose log did not grow
 * gets none. A workspace that fails is logged and left for the next run;
 * the others are still signed. Returns what it signed.
 */
export async function signMovedHeads(deps: CheckpointScheduleDeps): Promise<CheckpointRow[]> {
  const moved = await runSql(
    deps.db.reader,
    sql`select h.org_id from audit_chain_heads h
        where h.seq > coalesce((select max(c.seq) from audit_checkpoints c where c.org_id = h.org_id), 0)`,
  );
  const signed: CheckpointRow[] = [];
  for (const row of moved) {
    const orgId = String(row[0]);
    try {
      const checkpoint = await signCheckpointNow(deps, orgId, 'schedule');
      if (checkpoint) signed.push(checkpoint);
    } catch (error) {
      deps.log.error('scheduled checkpoint failed', { orgId, error: String(error) });
    }
  }
  return signed;
}

/** Every AUDITDESK_CHECKPOINT_MINUTES, in one process of those sharing the database. */
export function checkpointJob(deps: CheckpointScheduleDeps): PeriodicJob {
  return periodicJob(deps, {
    name: 'checkpoints',
    intervalMs: deps.schedule.checkpointMinutes * 60_000,
    run: async () => {
      const signed = await signMovedHeads(deps);
      if (signed.length > 0) deps.log.info('checkpoints signed', { count: signed.length });
    },
  });
}
