import type { VerificationTrigger } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { latestVerification, recordVerification, type VerificationRow } from './record';
import { readerQuery } from './source';
import { verifyChain } from './verify-chain';

export type RunDeps = Pick<AppDeps, 'db' | 'writes' | 'signing' | 'now' | 'newId' | 'log'>;

/**
 * Runs in progress, per app and workspace: a request that arrives while a
 * run is going shares its result rather than scanning the chain again. Per
 * process: runs in two processes on one database are each recorded.
 */
const running = new WeakMap<RunDeps, Map<string, Promise<VerificationRow>>>();

/**
 * Verifies a workspace's chain now and records the run. Incremental when
 * the last recorded run found the chain intact up to a checkpoint: it
 * starts there (the checkpoint's signature and its stored link are checked
 * again); a full run otherwise, or when `full`. Signatures are checked with
 * the server's key.
 */
export function runVerification(deps: RunDeps, orgId: string, trigger: VerificationTrigger, options: { full?: boolean } = {}): Promise<VerificationRow> {
  let ofApp = running.get(deps);
  if (!ofApp) running.set(deps, (ofApp = new Map()));
  const inProgress = ofApp.get(orgId);
  if (inProgress) return inProgress;
  const run = verifyAndRecord(deps, orgId, trigger, options.full ?? false).finally(() => ofApp.delete(orgId));
  ofApp.set(orgId, run);
  return run;
}

async function verifyAndRecord(deps: RunDeps, orgId: string, trigger: VerificationTrigger, full: boolean): Promise<VerificationRow> {
  const startedAt = deps.now();
  const last = full ? null : await latestVerification(deps.db.reader, orgId);
  const fromCheckpointId = last?.ok && last.checkpointId ? last.checkpointId : undefined;
  const query = readerQuery(deps.db.reader);
  const options = { publicKey: deps.signing.publicKey, ...(fromCheckpointId ? { fromCheckpointId } : {}) };
  let result = await verifyChain(query, orgId, options);
  if (!result.ok) {
    // The scan reads batch by batch, not one snapshot: a purge that commits
    // during it can look like missing events. A finding stands only when a
    // second scan makes it too.
    result = await verifyChain(query, orgId, options);
  }
  const row = await recordVerification(deps, orgId, trigger, startedAt, deps.now(), result);
  if (!row.ok) deps.log.error('audit chain verification failed', { orgId, firstBadSequence: row.firstBadSeq, reason: row.reason });
  return row;
}
