import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../values';

/*
 * A checkpoint is a signed statement of one workspace's chain head:
 *
 *   payload = canonical JSON (JCS) of
 *     { "v": 1, "orgId", "seq", "hash" (hex chain hash of event `seq`),
 *       "signedAt" (ISO 8601), "previous" (digest of the workspace's previous
 *       checkpoint, or null), "keyId" }
 *   signature = Ed25519 over the payload's UTF-8 bytes, base64
 *   digest = SHA-256 of the payload's UTF-8 bytes, hex
 *
 * Checkpoints chain to each other through `previous`, so a copy of any one
 * of them, kept elsewhere, fixes the whole log up to its `seq`: a chain
 * rewritten before it no longer reaches its hash.
 */

export const CHECKPOINT_VERSION = 1;

export interface CheckpointPayload {
  v: number;
  orgId: string;
  seq: number;
  hash: string;
  signedAt: string;
  previous: string | null;
  keyId: string;
}

/** A checkpoint as downloaded and as kept elsewhere: the signed text and its signature. */
export interface SignedCheckpoint {
  payload: string;
  signature: string;
}

/** The public key's id: the first 16 hex digits of SHA-256 of its DER (SPKI) form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function checkpointPayloadText(payload: CheckpointPayload): string {
  return canonicalJson(payload);
}

export function checkpointDigest(payloadText: string): string {
  return createHash('sha256').update(payloadText).digest('hex');
}

export function signCheckpoint(privateKey: KeyObject, payload: CheckpointPayload): SignedCheckpoint {
  const text = checkpointPayloadText(payload);
  return { payload: text, signature: sign(null, Buffer.from(text), privateKey).toString('base64') };
}

/** The payload of a checkpoint whose signature `publicKey` made, or null (wrong key, altered text). */
export function openCheckpoint(publicKey: KeyObject, checkpoint: SignedCheckpoint): CheckpointPayload | null {
  const ok = verify(null, Buffer.from(checkpoint.payload), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return ok ? (JSON.parse(checkpoint.payload) as CheckpointPayload) : null;
}

/** An Ed25519 private key from PEM (PKCS#8) text or the base64 of its DER. */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

/** An Ed25519 public key from PEM (SPKI) text. */
export function parsePublicKey(text: string): KeyObject {
  const key = createPublicKey(text.trim());
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the public key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}
