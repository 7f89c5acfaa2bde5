import type { Checkpoint } from '../../../shared/api-client-integrity-responses';
import { type SigningKey, publicKeyPem } from './key';
import type { CheckpointRow } from './queries';

/** A checkpoint as the API answers it (CheckpointBody). */
export function presentCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    id: row.id,
    seq: row.seq,
    hash: row.hash,
    signedAt: new Date(row.signedAt).toISOString(),
    previous: row.previous,
    keyId: row.keyId,
    reason: row.reason,
    digest: row.digest,
    payload: row.payload,
    signature: row.signature,
  };
}

/**
 * The checkpoint file: what verifies (`payload`, `signature`) and, for
 * convenience, the server's public key. A verifier told which key to trust
 * uses that one instead. The server holds only its current key: a
 * checkpoint signed before the key was changed carries the current one,
 * and a verifier refuses it for naming another key id.
 */
export interface CheckpointFile {
  payload: string;
  signature: string;
  keyId: string;
  algorithm: 'Ed25519';
  publicKey: string;
}

export function checkpointFile(row: CheckpointRow, key: SigningKey): CheckpointFile {
  return { payload: row.payload, signature: row.signature, keyId: row.keyId, algorithm: 'Ed25519', publicKey: publicKeyPem(key) };
}
