import { hash } from 'node:crypto';

/*
 * The links of a workspace's chain: each event's leaf hash is SHA-256 of its
 * canonical text (canonical.ts), and its chain hash is
 * SHA-256(previous chain hash ‖ leaf hash), both 32 bytes; the first event
 * chains from 32 zero bytes. An event's chain hash therefore fixes every
 * event before it.
 */

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

// One-shot hashing (crypto.hash) costs about two thirds of a Hash object per call; verification makes several per event.
export function leafHash(canonicalText: string): Buffer {
  return hash('sha256', canonicalText, 'buffer');
}

/** previous ‖ leaf, reused by every call (hashing reads it before the next call can write it). */
const LINK = Buffer.alloc(64);

export function chainHash(previous: Buffer, leaf: Buffer): Buffer {
  if (previous.length !== 32 || leaf.length !== 32) return hash('sha256', Buffer.concat([previous, leaf]), 'buffer');
  previous.copy(LINK, 0);
  leaf.copy(LINK, 32);
  return hash('sha256', LINK, 'buffer');
}
