import { hash, randomFillSync } from 'node:crypto';
import { canonicalJson } from '../values';
import type { Commitment } from './canonical';

/*
 * Commitments to before/after values. A value is committed to as
 * SHA-256(salt ‖ canonical JSON of the value), with a random 16-byte salt
 * per value, so the hash says nothing about a short value (a status, a
 * yes/no) and the value can later be erased with its salt while the hash
 * stays. A snapshot (the object recorded by a create or delete row, whose
 * `property` is null) is committed to key by key, so one property of it can
 * be redacted alone.
 *
 * The salts are stored beside the row as its `seals` (JSON):
 *   { "b": Seal, "a": Seal }   for before and after, a key absent for a null value
 *   Seal = "<32 hex salt>" | "=<64 hex commitment>" (redacted: the value and its salt are gone)
 *        | { "<key>": "<salt>" | "=<commitment>", … } for a snapshot (null keys absent)
 */

export type Seal = string | { [key: string]: string };
export interface Seals {
  b?: Seal;
  a?: Seal;
}

const SALT_BYTES = 16;
const REDACTED = '=';

/** Salts from a pooled buffer: one OS call per 256 values rather than one per value. */
const nextSalt: () => string = (() => {
  const pool = Buffer.alloc(SALT_BYTES * 256);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    offset += SALT_BYTES;
    return pool.toString('hex', offset - SALT_BYTES, offset);
  };
})();

/** Whether a value of a row with this `property` is committed to key by key. */
export function isSnapshot(property: string | null, value: unknown): value is Record<string, unknown> {
  return property === null && typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function commitTo(salt: string, canonicalValue: string): string {
  // One buffer for salt and value; a salt that is not 16 bytes of hex (a changed row) takes the general path.
  const bytes = Buffer.allocUnsafe(SALT_BYTES + Buffer.byteLength(canonicalValue, 'utf8'));
  if (salt.length !== SALT_BYTES * 2 || bytes.write(salt, 0, 'hex') !== SALT_BYTES) {
    return hash('sha256', Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(canonicalValue, 'utf8')]), 'hex');
  }
  bytes.write(canonicalValue, SALT_BYTES, 'utf8');
  return hash('sha256', bytes, 'hex');
}

/** A new seal and the commitment it makes for one value (undefined seal: the value is null). */
export function sealValue(property: string | null, value: unknown): { seal?: Seal; commitment: Commitment } {
  if (value === null || value === undefined) return { commitment: null };
  if (isSnapshot(property, value)) {
    const seal: Record<string, string> = {};
    const commitment: Record<string, string | null> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) {
        commitment[key] = null;
        continue;
      }
      seal[key] = nextSalt();
      commitment[key] = commitTo(seal[key], canonicalJson(item));
    }
    return { seal, commitment };
  }
  const salt = nextSalt();
  return { seal: salt, commitment: commitTo(salt, canonicalJson(value)) };
}

/**
 * The commitment a stored value and its seal make, as a verifier recomputes
 * it: from the value and salt, or the kept commitment of a redacted value.
 * A mismatch between value and seal (a value without a salt, a salt without
 * a value) yields a commitment no honest row has, so the event's hash fails.
 */
export function storedCommitment(property: string | null, valueText: string | null, seal: Seal | undefined): Commitment {
  if (seal === undefined) return valueText === null ? null : `unsealed:${valueText}`;
  if (typeof seal === 'string') {
    if (seal.startsWith(REDACTED)) return valueText === null ? seal.slice(1) : `redacted but present:${valueText}`;
    return valueText === null ? `salt without value:${seal}` : commitTo(seal, valueText);
  }
  const value = valueText === null ? null : (JSON.parse(valueText) as unknown);
  if (!isSnapshot(property, value)) return `snapshot seal on a non-snapshot:${valueText}`;
  const commitment: Record<string, string | null> = {};
  for (const [key, item] of Object.entries(value)) {
    const keySeal = seal[key];
    if (keySeal === undefined) commitment[key] = item === null ? null : `unsealed:${canonicalJson(item)}`;
    else if (keySeal.startsWith(REDACTED)) commitment[key] = item === null ? keySeal.slice(1) : `redacted but present`;
    else commitment[key] = item === null ? `salt without value` : commitTo(keySeal, canonicalJson(item));
  }
  for (const key of Object.keys(seal)) if (!(key in commitment)) commitment[key] = `seal without key:${key}`;
  return commitment;
}

/** A seal with its value erased: the commitment kept in place of the salt. */
export function redactedSeal(salt: string, canonicalValue: string): string {
  return `${REDACTED}${commitTo(salt, canonicalValue)}`;
}

export function parseSeals(text: string | null): Seals {
  return text === null ? {} : (JSON.parse(text) as Seals);
}

export function sealsText(seals: Seals): string | null {
  return seals.b === undefined && seals.a === undefined ? null : JSON.stringify(seals);
}

/** Whether a seal is a kept commitment (its value was redacted) rather than a salt. */
export function isRedactedSeal(seal: string): boolean {
  return seal.startsWith(REDACTED);
}

/**
 * Text that occurs in a row's seals exactly when one of its values was
 * redacted: a JSON string value starting with "=" (salts are hex, and a
 * key's text cannot hold an unescaped quote). The event JSON built by
 * SQLite tests it with instr(), the presenter with hasRedactedSeal.
 */
export const REDACTED_SEAL_MARK = `:"${REDACTED}`;

export function hasRedactedSeal(text: string | null): boolean {
  return text !== null && text.includes(REDACTED_SEAL_MARK);
}
