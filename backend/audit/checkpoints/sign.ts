import { eq } from 'drizzle-orm';
import { auditChainHeads, auditCheckpoints, type CheckpointReason } from '../../db/schema';
import type { Tx } from '../../db/sql';
import type { AppDeps } from '../../deps';
import { bufferOf } from '../chain/append';
import { CHECKPOINT_VERSION, checkpointDigest, signCheckpoint } from '../chain/checkpoint';
import { type CheckpointRow, latestCheckpointOf } from './queries';

export type SignDeps = Pick<AppDeps, 'writes' | 'signing' | 'now' | 'newId'>;

/**
 * Signs the workspace's chain head now and stores the checkpoint, naming
 * the workspace's previous checkpoint's digest as `previous`; null when the
 * workspace has no event yet. The head and the previous checkpoint are read
 * in the write transaction that inserts it, so checkpoints signed at once
 * (by several processes too) still form one chain.
 */
export function signCheckpointNow(deps: SignDeps, orgId: string, reason: CheckpointReason): Promise<CheckpointRow | null> {
  return deps.writes.run((tx) => signCheckpointIn(tx, deps, orgId, reason));
}

/** `signCheckpointNow` inside a write transaction the caller holds. */
export async function signCheckpointIn(tx: Tx, deps: Omit<SignDeps, 'writes'>, orgId: string, reason: CheckpointReason): Promise<CheckpointRow | null> {
  const [head] = await tx.select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash }).from(auditChainHeads).where(eq(auditChainHeads.orgId, orgId));
  if (!head) return null;
  const previous = await latestCheckpointOf(tx, orgId);
  // Strictly after the previous checkpoint even if this process's clock is behind
  // another's: a workspace's checkpoints are ordered by the time they name.
  const signedAt = Math.max(deps.now().getTime(), (previous?.signedAt ?? -Infinity) + 1);
  const hash = bufferOf(head.hash).toString('hex');
  const { payload, signature } = signCheckpoint(deps.signing.privateKey, {
    v: CHECKPOINT_VERSION,
    orgId,
    seq: head.seq,
    hash,
    signedAt: new Date(signedAt).toISOString(),
    previous: previous?.digest ?? null,
    keyId: deps.signing.keyId,
  });
  const row: CheckpointRow = {
    id: deps.newId(),
    orgId,
    seq: head.seq,
    hash,
    signedAt,
    previous: previous?.digest ?? null,
    keyId: deps.signing.keyId,
    payload,
    signature,
    digest: checkpointDigest(payload),
    reason,
  };
  await tx.insert(auditCheckpoints).values(row);
  return row;
}
