import { sql } from 'drizzle-orm';
import { runSql } from '../../db/sql';
import type { AppDeps } from '../../deps';
import { periodicJob, type PeriodicJob } from '../../schedule/every';
import type { VerificationRow } from './record';
import { type RunDeps, runVerification } from './run';

export type VerifyScheduleDeps = RunDeps & Pick<AppDeps, 'schedule'>;

/**
 * Verifies, and records as a `schedule` run, the chain of every workspace
 * that has one. A workspace whose run fails (the database, not the chain) is
 * logged and left for the next run; the others are still verified.
 */
export async function verifyEveryChain(deps: RunDeps): Promise<VerificationRow[]> {
  const chains = await runSql(deps.db.reader, sql`select org_id from audit_chain_heads order by org_id`);
  const runs: VerificationRow[] = [];
  for (const row of chains) {
    const orgId = String(row[0]);
    try {
      runs.push(await runVerification(deps, orgId, 'schedule'));
    } catch (error) {
      deps.log.error('scheduled verification failed', { orgId, error: String(error) });
    }
  }
  return runs;
}

/** Every AUDITDESK_VERIFY_MINUTES, in one process of those sharing the database. */
export function verificationJob(deps: VerifyScheduleDeps): PeriodicJob {
  return periodicJob(deps, {
    name: 'verification',
    intervalMs: deps.schedule.verifyMinutes * 60_000,
    run: async () => {
      await verifyEveryChain(deps);
    },
  });
}
