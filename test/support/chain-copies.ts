import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { bufferOf } from '../../backend/audit/chain/append';
import { checkpointDigest, keyIdOf, signCheckpoint, type SignedCheckpoint } from '../../backend/audit/chain/checkpoint';
import { chainHash, GENESIS_HASH } from '../../backend/audit/chain/links';
import { NativeConnection } from '../../backend/db/native-connection';
import { openChainFile } from '../../backend/audit/verify/file-source';
import { EVENT_COLUMNS, leafOfRow } from '../../backend/audit/verify/links-of-rows';
import { type ChainVerification, verifyChain, type VerifyOptions } from '../../backend/audit/verify/verify-chain';

/*
 * What a tamper test needs: a raw copy of a database file, changed with SQL
 * as an attacker with the file would change it (the append-only triggers
 * dropped first), and verified offline the way the command-line verifier
 * does.
 */

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newKeyPair(): KeyPair {
  return generateKeyPairSync('ed25519');
}

/** A consistent copy of the live database at `dir/name` (VACUUM INTO: one file, no WAL). */
export async function copyDatabase(writer: Client, dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await writer.execute({ sql: 'VACUUM INTO ?', args: [path] });
  return path;
}

const TRIGGERS = [
  'audit_events_append_only_update',
  'audit_events_append_only_delete',
  'audit_tombstones_append_only_update',
  'audit_tombstones_append_only_delete',
  'audit_checkpoints_append_only_update',
  'audit_checkpoints_append_only_delete',
  'audit_chain_heads_forward_only',
  'audit_chain_heads_append_only_delete',
];

/** Runs `change` on the copy at `path` after dropping the append-only triggers, as one who holds the file would. */
export function tamper(path: string, change: (db: NativeConnection) => void): void {
  const db = new NativeConnection(path);
  try {
    db.executeMultiple(TRIGGERS.map((name) => `DROP TRIGGER IF EXISTS ${name}`).join(';\n'));
    change(db);
  } finally {
    db.close();
  }
}

/**
 * Re-hashes the chain of `orgId` from event `fromSeq` on, each link from the
 * stored hash before it, and moves the head to the result: what an attacker
 * who knows the hashing does after changing an event.
 */
export function recomputeTail(db: NativeConnection, orgId: string, fromSeq: number): void {
  const before = db.arrays('select hash from audit_events where org_id = ? and seq = ?', [orgId, fromSeq - 1])[0];
  let previous = before ? bufferOf(before[0]) : GENESIS_HASH;
  const rows = db.arrays(`select ${EVENT_COLUMNS} from audit_events where org_id = ? and seq >= ? order by seq`, [orgId, fromSeq]);
  for (const row of rows) {
    previous = chainHash(previous, leafOfRow(row));
    db.execute('update audit_events set hash = ? where org_id = ? and seq = ?', [previous, orgId, Number(row[0])]);
  }
  const last = Number(rows.at(-1)![0]);
  db.execute('update audit_chain_heads set seq = ?, hash = ? where org_id = ?', [last, previous, orgId]);
}

/** Signs the head of `orgId` as a stored checkpoint (what the signing schedule does), and returns it as a file would hold it. */
export async function signStoredCheckpoint(writer: Client, orgId: string, key: KeyPair, at = new Date()): Promise<SignedCheckpoint & { id: string; seq: number }> {
  const head = (await writer.execute({ sql: 'select seq, hash from audit_chain_heads where org_id = ?', args: [orgId] })).rows[0]!;
  const latest = (await writer.execute({ sql: 'select digest from audit_checkpoints where org_id = ? order by rowid desc limit 1', args: [orgId] })).rows[0];
  const payload = {
    v: 1,
    orgId,
    seq: Number(head[0]),
    hash: bufferOf(head[1]).toString('hex'),
    signedAt: at.toISOString(),
    previous: latest ? String(latest[0]) : null,
    keyId: keyIdOf(key.publicKey),
  };
  const signed = signCheckpoint(key.privateKey, payload);
  const id = `cp-${payload.seq}-${Math.random().toString(36).slice(2, 8)}`;
  await writer.execute({
    sql: `insert into audit_checkpoints (id, org_id, seq, hash, signed_at, previous, key_id, payload, signature, digest, reason)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demand')`,
    args: [id, orgId, payload.seq, payload.hash, at.getTime(), payload.previous, payload.keyId, signed.payload, signed.signature, checkpointDigest(signed.payload)],
  });
  return { ...signed, id, seq: payload.seq };
}

/** Verifies one workspace of the file at `path`, offline. */
export async function verifyFile(path: string, orgId: string, options: VerifyOptions = {}): Promise<ChainVerification> {
  const file = openChainFile(path);
  try {
    return await verifyChain(file.query, orgId, options);
  } finally {
    file.close();
  }
}
