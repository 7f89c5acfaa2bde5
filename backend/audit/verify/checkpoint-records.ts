import type { KeyObject } from 'node:crypto';
import { type CheckpointPayload, checkpointDigest, keyIdOf, openCheckpoint, type SignedCheckpoint } from '../chain/checkpoint';
import type { ChainQuery } from './source';

/*
 * The checkpoints a verification holds the chain against: the workspace's
 * stored ones (each checked on its own: digest, signature, its link to the
 * one signed before it) and any given from elsewhere (a downloaded file).
 * What a checkpoint fixes is taken from its signed payload, never from the
 * columns beside it.
 */

export interface HeldCheckpoint {
  /** The stored checkpoint's id, or a name for one given from elsewhere. */
  id: string;
  seq: number;
  /** Hex chain hash of event `seq`. */
  hash: string;
  signedAt: string;
  /** Why this checkpoint cannot be trusted, or null. */
  problem: string | null;
  /** False for a checkpoint given from elsewhere: it is checked but never recorded as a starting point. */
  stored: boolean;
}

const CHECKPOINT_COLUMNS = 'id, seq, hash, previous, key_id, payload, signature, digest';

/** The workspace's stored checkpoints, in the order they were signed, each with what is wrong with it. */
export async function storedCheckpoints(query: ChainQuery, orgId: string, publicKey: KeyObject | undefined): Promise<HeldCheckpoint[]> {
  const rows = await query(`select ${CHECKPOINT_COLUMNS} from audit_checkpoints where org_id = ? order by signed_at, rowid`, [orgId]);
  const keyId = publicKey ? keyIdOf(publicKey) : undefined;
  let previousDigest: string | null = null;
  return rows.map((row) => {
    const [id, seq, hash, previous, rowKeyId, payloadText, signature, digest] = row as [string, number, string, string | null, string, string, string, string];
    const payload = parsePayload(payloadText);
    const actualDigest = checkpointDigest(payloadText);
    const problem =
      payload === null
        ? 'its payload is not a checkpoint'
        : payload.orgId !== orgId
          ? 'it was signed for another workspace'
          : actualDigest !== digest
            ? 'its digest does not match its payload'
            : payload.seq !== Number(seq) || payload.hash !== hash || payload.previous !== previous || payload.keyId !== rowKeyId
              ? 'its columns differ from its signed payload'
              : payload.previous !== previousDigest
                ? previousDigest === null
                  ? 'it names a previous checkpoint the log does not hold'
                  : 'it does not follow the checkpoint signed before it'
                : signatureProblem({ payload: payloadText, signature }, payload, publicKey, keyId);
    previousDigest = actualDigest;
    return {
      id,
      seq: payload?.seq ?? Number(seq),
      hash: payload?.hash ?? hash,
      signedAt: payload?.signedAt ?? '',
      problem,
      stored: true,
    };
  });
}

/**
 * A checkpoint given from elsewhere (a file kept off the server), checked
 * with `publicKey`: null when it does not open with that key.
 */
export function givenCheckpoint(checkpoint: SignedCheckpoint, publicKey: KeyObject, name: string): (HeldCheckpoint & { orgId: string }) | null {
  const payload = opens(publicKey, checkpoint);
  if (!payload || payload.keyId !== keyIdOf(publicKey) || typeof payload.seq !== 'number' || typeof payload.hash !== 'string') return null;
  return { id: name, seq: payload.seq, hash: payload.hash, signedAt: payload.signedAt, problem: null, stored: false, orgId: payload.orgId };
}

function signatureProblem(signed: SignedCheckpoint, payload: CheckpointPayload, publicKey: KeyObject | undefined, keyId: string | undefined): string | null {
  if (!publicKey) return null;
  if (payload.keyId !== keyId) return `it is signed by key ${payload.keyId}, not by key ${keyId}`;
  return opens(publicKey, signed) ? null : `its signature does not verify with key ${keyId}`;
}

/** The opened payload, or null: a signature of the wrong length or encoding is a bad signature, not an error. */
function opens(publicKey: KeyObject, checkpoint: SignedCheckpoint): CheckpointPayload | null {
  try {
    return openCheckpoint(publicKey, checkpoint);
  } catch {
    return null;
  }
}

function parsePayload(text: string): CheckpointPayload | null {
  try {
    const value = JSON.parse(text) as Partial<CheckpointPayload> | null;
    if (!value || typeof value !== 'object' || typeof value.seq !== 'number' || typeof value.hash !== 'string' || typeof value.orgId !== 'string') return null;
    return value as CheckpointPayload;
  } catch {
    return null;
  }
}
