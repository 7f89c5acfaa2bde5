import { createHash } from 'node:crypto';

/*
 * The links of a workspace's chain: each event's leaf hash is SHA-256 of its
 * canonical text (canonical.ts), and its chain hash is
 * SHA-256(previous chain hash ‖ leaf hash), both 32 bytes; the first event
 * chains from 32 zero bytes. An event's chain hash therefore fixes every
 * event before it.
 */

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export function leafHash(canonicalText: string): Buffer {
  return createHash('sha256').update(canonicalText).digest();
}

export function chainHash(previous: Buffer, leaf: Buffer): Buffer {
  return createHash('sha256').update(previous).update(leaf).digest();
}
