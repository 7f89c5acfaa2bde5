import * as v from 'valibot';

/*
 * The response shapes of the log's integrity routes (verification,
 * checkpoints, the signing key), checked by the client before it hands them
 * on. Hashes are lowercase hex; times ISO 8601. Loose objects: the API may
 * add fields.
 */

/** What one verification found: `firstBadSequence` and `reason` are null when `ok`. */
export const VerificationResultBody = v.object({
  ok: v.boolean(),
  checked: v.number(),
  firstBadSequence: v.nullable(v.number()),
  reason: v.nullable(v.string()),
});
export type VerificationResult = v.InferOutput<typeof VerificationResultBody>;

/** GET /audit/verify and each item of GET /audit/verifications: a recorded run. */
export const VerificationBody = v.object({
  ...VerificationResultBody.entries,
  id: v.string(),
  trigger: v.picklist(['schedule', 'demand']),
  startedAt: v.string(),
  finishedAt: v.string(),
  /** The sequence numbers looked at: an incremental run starts after the checkpoint the last good run reached. */
  fromSequence: v.number(),
  toSequence: v.number(),
  /** The newest checkpoint the chain was found to match, if any. */
  checkpointId: v.nullable(v.string()),
});
export type Verification = v.InferOutput<typeof VerificationBody>;

export const VerificationListBody = v.object({ items: v.array(VerificationBody) });

/** A signed checkpoint of the chain head (GET /audit/checkpoints…). `payload` is the exact signed text. */
export const CheckpointBody = v.object({
  id: v.string(),
  seq: v.number(),
  hash: v.string(),
  signedAt: v.string(),
  previous: v.nullable(v.string()),
  keyId: v.string(),
  reason: v.picklist(['schedule', 'demand', 'purge', 'export']),
  digest: v.string(),
  payload: v.string(),
  signature: v.string(),
});
export type Checkpoint = v.InferOutput<typeof CheckpointBody>;

export const CheckpointPageBody = v.object({ items: v.array(CheckpointBody), nextCursor: v.nullable(v.string()) });
export type CheckpointPage = v.InferOutput<typeof CheckpointPageBody>;

/** The public half of the key checkpoints are signed with. */
export const SigningKeyBody = v.object({
  algorithm: v.literal('Ed25519'),
  keyId: v.string(),
  /** SPKI PEM, as also served at /.well-known/auditdesk-signing-key. */
  publicKey: v.string(),
});
export type SigningKey = v.InferOutput<typeof SigningKeyBody>;

/** GET /audit/integrity: what the admin page's Log integrity section shows. */
export const IntegrityStatusBody = v.object({
  /** The chain's newest link; null before the first event. */
  head: v.nullable(v.object({ seq: v.number(), hash: v.string() })),
  /** The last link of the purged prefix; null while nothing was purged. */
  anchor: v.nullable(v.object({ seq: v.number(), hash: v.string() })),
  lastVerification: v.nullable(VerificationBody),
  latestCheckpoint: v.nullable(CheckpointBody),
  signingKey: SigningKeyBody,
  /** How often checkpoints are signed and the chain verified in the background. */
  schedule: v.object({ checkpointMinutes: v.number(), verifyMinutes: v.number() }),
});
export type IntegrityStatus = v.InferOutput<typeof IntegrityStatusBody>;

/**
 * The checkpoint file (GET /audit/checkpoints/:id/download), kept elsewhere
 * and given to `npm run verify -- --checkpoint FILE`: `payload` and
 * `signature` are what verifies; the embedded public key is a convenience.
 */
export const CheckpointFileBody = v.object({
  payload: v.string(),
  signature: v.string(),
  keyId: v.string(),
  algorithm: v.literal('Ed25519'),
  publicKey: v.string(),
});
export type CheckpointFile = v.InferOutput<typeof CheckpointFileBody>;
