import type { KeyObject } from 'node:crypto';
import type { AuditEvent } from '../../../shared/audit-event';
import { canonicalEventText, type ChainedFields } from '../chain/canonical';
import { type CheckpointPayload, keyIdOf, openCheckpoint, parsePublicKey, type SignedCheckpoint } from '../chain/checkpoint';
import { chainHash, GENESIS_HASH, leafHash } from '../chain/links';
import { type Seals, storedCommitment } from '../chain/seals';
import { canonicalJson } from '../values';

/*
 * Verifies a JSON Lines export offline. Each line is an event as the API
 * presents it plus its `proof` (sequence number, chain hash, the chain hash
 * before it, the seals of its values); the last line is the checkpoint the
 * export was cut at (`{"checkpoint": <checkpoint file>}`). Each line's leaf is
 * rebuilt from the event as presented and must chain from its `previous` to
 * its `hash`; lines with consecutive sequence numbers must link; the line at
 * the checkpoint's sequence number must have its hash; the checkpoint must
 * open with the trusted key. An export whose lines run unbroken from the
 * start of the chain to the checkpoint proves every event in it; one with
 * gaps (a filtered export, or events retention removed from the middle)
 * proves each line alone and is reported as partial.
 */

export interface ExportVerification {
  ok: boolean;
  checked: number;
  firstBadSequence: number | null;
  reason: string | null;
  /** True when the lines do not run unbroken up to the checkpoint: each line verifies alone. */
  partial: boolean;
  /** The sequence numbers missing between the first line and the checkpoint, as ranges. */
  gaps: Array<[number, number]>;
  checkpoint: { orgId: string; seq: number; hash: string; signedAt: string; keyId: string } | null;
  /** Where the key the checkpoint was checked with came from. */
  key: 'given' | 'export' | null;
}

interface Proof {
  seq: number;
  hash: string;
  previous: string;
  seals: Seals | null;
}

type ProvenEvent = AuditEvent & { proof: Proof };

interface CheckpointFile extends SignedCheckpoint {
  publicKey?: string;
}

class Finding extends Error {
  constructor(
    readonly sequence: number | null,
    reason: string,
  ) {
    super(reason);
  }
}

/** Verifies the export's text, given the key to trust (else the key the export's checkpoint carries). */
export function verifyExportText(text: string, trustedKey?: KeyObject): ExportVerification {
  const result: ExportVerification = { ok: false, checked: 0, firstBadSequence: null, reason: null, partial: false, gaps: [], checkpoint: null, key: null };
  try {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const trailer = lines.length > 0 ? parseLine(lines.at(-1)!, lines.length) : undefined;
    if (!trailer || !('checkpoint' in trailer)) throw new Finding(null, 'the export does not end with its checkpoint line');
    const file = trailer.checkpoint as CheckpointFile | null;
    if (!file || typeof file.payload !== 'string' || typeof file.signature !== 'string') throw new Finding(null, 'the export’s checkpoint line holds no checkpoint');
    const key = trustedKey ?? (typeof file.publicKey === 'string' ? parsePublicKey(file.publicKey) : undefined);
    if (!key) throw new Finding(null, 'no key to check the export’s checkpoint with: give one with --public-key');
    result.key = trustedKey ? 'given' : 'export';
    const checkpoint = opened(key, file);
    if (!checkpoint) throw new Finding(null, `the export’s checkpoint is not signed by key ${keyIdOf(key)}`);
    result.checkpoint = { orgId: checkpoint.orgId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt, keyId: checkpoint.keyId };

    const events = lines.slice(0, -1).map((line, i) => parseLine(line, i + 1) as unknown as ProvenEvent);
    events.sort((a, b) => seqOf(a) - seqOf(b));
    let before: ProvenEvent | undefined;
    for (const event of events) {
      const { seq } = event.proof;
      if (seq > checkpoint.seq) throw new Finding(seq, `event ${seq} is past the export’s checkpoint (${checkpoint.seq})`);
      if (before?.proof.seq === seq) throw new Finding(seq, `event ${seq} appears more than once`);
      if (!provesItself(event, checkpoint.orgId)) throw new Finding(seq, `event ${seq} does not match its hash: it was changed`);
      if (before && before.proof.seq === seq - 1 && before.proof.hash !== event.proof.previous) {
        throw new Finding(seq, `event ${seq} does not follow event ${seq - 1}`);
      }
      if (seq === 1 && event.proof.previous !== GENESIS_HASH.toString('hex')) throw new Finding(1, 'event 1 does not start the chain');
      if (seq === checkpoint.seq && event.proof.hash !== checkpoint.hash) {
        throw new Finding(seq, `event ${seq} does not match the export’s checkpoint`);
      }
      const from = before ? before.proof.seq + 1 : 1;
      if (seq > from) result.gaps.push([from, seq - 1]);
      result.checked++;
      before = event;
    }
    const last = before?.proof.seq ?? 0;
    if (last < checkpoint.seq) result.gaps.push([last + 1, checkpoint.seq]);
    result.partial = result.gaps.length > 0;
    result.ok = true;
  } catch (error) {
    if (!(error instanceof Finding)) throw error;
    result.firstBadSequence = error.sequence;
    result.reason = error.message;
  }
  return result;
}

function seqOf(event: ProvenEvent): number {
  return event.proof.seq;
}

function parseLine(line: string, number: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Finding(null, `line ${number} is not JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Finding(null, `line ${number} is not an object`);
  const record = value as Record<string, unknown>;
  if (!('checkpoint' in record)) {
    const proof = record.proof as Partial<Proof> | undefined;
    if (!proof || typeof proof.seq !== 'number' || typeof proof.hash !== 'string' || typeof proof.previous !== 'string') {
      throw new Finding(null, `line ${number} carries no proof`);
    }
  }
  return record;
}

function opened(key: KeyObject, file: SignedCheckpoint): CheckpointPayload | null {
  try {
    return openCheckpoint(key, file);
  } catch {
    return null;
  }
}

/** Whether the event, as presented, chains from its `previous` to its `hash` (a line missing fields does not). */
function provesItself(event: ProvenEvent, orgId: string): boolean {
  try {
    return chainsFromPrevious(event, orgId);
  } catch {
    return false;
  }
}

function chainsFromPrevious(event: ProvenEvent, orgId: string): boolean {
  const { proof } = event;
  const previous = Buffer.from(proof.previous, 'hex');
  if (previous.length !== 32) return false;
  const seals = proof.seals ?? {};
  const before = storedCommitment(event.property, valueText(event.before), seals.b);
  const after = storedCommitment(event.property, valueText(event.after), seals.a);
  return contextsOf(event, seals).some((context) => {
    const fields: ChainedFields = {
      orgId,
      seq: proof.seq,
      id: event.id,
      occurredAt: Date.parse(event.occurredAt),
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorName: event.actor.name,
      event: event.event,
      category: event.category,
      section: event.section,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
      subjectLabel: event.subject.label,
      customerId: event.customerId,
      conversationId: event.conversationId,
      property: event.property,
      changeId: event.changeId,
      context,
      requestId: event.source.requestId,
      ip: event.source.ip,
      userAgent: event.source.userAgent,
      apiKeyId: event.source.apiKeyId,
    };
    return chainHash(previous, leafHash(canonicalEventText(fields, before, after))).toString('hex') === proof.hash;
  });
}

function valueText(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalJson(value);
}

/**
 * The stored contexts the presented one may come from. A row with a
 * redacted value is presented with `redacted: true` added to its context
 * (the stored context is hashed and never rewritten), so the mark is taken
 * off again; an empty remainder was stored as no context or as `{}`.
 */
function contextsOf(event: ProvenEvent, seals: Seals): Array<string | null> {
  const context = event.context;
  if (context === null || context === undefined) return [null];
  const asPresented = canonicalJson(context);
  if (context.redacted !== true || !JSON.stringify(seals).includes('"=')) return [asPresented];
  const { redacted: _mark, ...stored } = context;
  return Object.keys(stored).length === 0 ? [null, '{}', asPresented] : [canonicalJson(stored), asPresented];
}
