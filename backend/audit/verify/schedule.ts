import { sql } from 'drizzle-orm';
import { runSql } from '../../db/sql';
import type { AppDeps } from '../../deps';
import { periodicJob, type PeriodicJob } from '../../schedule/every';
import type { VerificationRow } from './record';
import { type RunDeps, runVerification } from './run';

export type VerifyScheduleDeps = RunDeps & Pick<AppDeps, 'schedule'>;

/** Verifies, and records as a `schedule` run, the chain of every workspace that has one. */
export async function verifyEveryChain(deps: RunDeps): Promise<VerificationRow[]> {
  const chains = await runSql(deps.db.reader, sql`select org_id from audit_chain_heads order by org_id`);
  const runs: VerificationRow[] = [];
  for (const row of chains) runs.push(await runVerification(deps, String(row[0]), 'schedule'));
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
