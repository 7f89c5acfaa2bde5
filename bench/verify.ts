import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointDigest, signCheckpoint } from '../backend/audit/chain/checkpoint';
import { generateSigningKey } from '../backend/audit/checkpoints/key';
import { readerQuery } from '../backend/audit/verify/source';
import { type ChainVerification, verifyChain } from '../backend/audit/verify/verify-chain';
import { openDatabase } from '../backend/db/client';
import { generateMillionEvents } from './million-events';

/*
 * `BENCH_ONLY=verify`: how fast the server verifies a workspace's chain.
 * 1,000,000 chained events (BENCH_VERIFY_EVENTS) are generated, with two
 * checkpoints: one at the last event older than an hour before the newest,
 * one at the head. Then, through the app's own reader (the embedded driver,
 * as GET /audit/verify and the background schedule read): a full
 * verification (every link recomputed, both checkpoints and their
 * signatures checked), target ≥ 200,000 events/s; and an incremental one
 * from the checkpoint an hour back, what the hourly background run does.
 */

const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const TARGET_PER_SECOND = 200_000;
const HOUR_MS = 3_600_000;

let active: string | undefined;

export async function runVerifyBenchmark(log: (message: string) => void): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-verify-'));
  active = dir;
  const databaseUrl = `file:${join(dir, 'verify.db')}`;
  try {
    log(`verify: generating ${EVENTS.toLocaleString('en-US')} chained audit events into ${databaseUrl}`);
    const data = await generateMillionEvents(databaseUrl, { events: EVENTS, customers: 2_000, conversations: 20_000, log });
    const db = await openDatabase({ url: databaseUrl });
    try {
      const key = generateSigningKey();
      const query = readerQuery(db.reader);
      const hourAgo = Number((await query('select max(seq) from audit_events where org_id = ? and occurred_at <= ?', [data.orgId, data.newest - HOUR_MS]))[0]![0]);
      const headSeq = Number((await query('select seq from audit_chain_heads where org_id = ?', [data.orgId]))[0]![0]);
      const earlier = await storeCheckpoint(db.writerClient, data.orgId, hourAgo, null, key);
      await storeCheckpoint(db.writerClient, data.orgId, headSeq, earlier.digest, key);

      // Two full runs: the first also pays for reading cold pages from disk.
      const full = await timed(() => verifyChain(query, data.orgId, { publicKey: key.publicKey }));
      const again = await timed(() => verifyChain(query, data.orgId, { publicKey: key.publicKey }));
      const best = Math.min(full.seconds, again.seconds);
      const incremental = await timed(() => verifyChain(query, data.orgId, { publicKey: key.publicKey, fromCheckpointId: earlier.id }));

      const rate = full.result.checked / best;
      const ok = full.result.ok && again.result.ok && incremental.result.ok && full.result.checkpoint?.seq === headSeq;
      const rows: Array<[string, string, string]> = [
        ['full verification', `${int(full.result.checked)} events`, `${full.seconds.toFixed(2)} s, then ${again.seconds.toFixed(2)} s`],
        ['  events/s (best of two)', int(rate), `target ≥ ${int(TARGET_PER_SECOND)}: ${rate >= TARGET_PER_SECOND ? 'met' : 'NOT MET'}`],
        ['  result', full.result.ok ? 'ok' : `FAILED at ${full.result.firstBadSequence}: ${full.result.reason}`, 'both checkpoints held, signatures checked'],
        ['incremental (last hour)', `${int(incremental.result.checked)} events`, `${(incremental.seconds * 1000).toFixed(1)} ms from checkpoint at event ${int(hourAgo)}`],
        ['  result', incremental.result.ok ? 'ok' : `FAILED: ${incremental.result.reason}`, ''],
      ];
      const w0 = Math.max(...rows.map((r) => r[0].length));
      const w1 = Math.max(...rows.map((r) => r[1].length));
      console.log(`\nAuditdesk verification benchmark (${int(data.rows)} generated events)\n`);
      for (const [label, value, note] of rows) console.log(`${label.padEnd(w0)}  ${value.padStart(w1)}  ${note}`);
      console.log('');
      return ok && rate >= TARGET_PER_SECOND;
    } finally {
      db.close();
    }
  } finally {
    await stopVerifyBenchmark();
  }
}

export async function stopVerifyBenchmark(): Promise<void> {
  if (active) rmSync(active, { recursive: true, force: true });
  active = undefined;
}

async function timed(run: () => Promise<ChainVerification>): Promise<{ result: ChainVerification; seconds: number }> {
  const began = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - began) / 1000 };
}

/** A checkpoint of event `seq` as the signing schedule stores one (bench code: written raw). */
async function storeCheckpoint(
  writer: import('@libsql/client').Client,
  orgId: string,
  seq: number,
  previous: string | null,
  key: ReturnType<typeof generateSigningKey>,
): Promise<{ id: string; digest: string }> {
  const row = (await writer.execute({ sql: 'select hash from audit_events where org_id = ? and seq = ?', args: [orgId, seq] })).rows[0]!;
  const hash = Buffer.from(row[0] as ArrayBuffer).toString('hex');
  const signedAt = Date.now() + seq;
  const signed = signCheckpoint(key.privateKey, { v: 1, orgId, seq, hash, signedAt: new Date(signedAt).toISOString(), previous, keyId: key.keyId });
  const id = `bench-checkpoint-${seq}`;
  const digest = checkpointDigest(signed.payload);
  await writer.execute({
    sql: `insert into audit_checkpoints (id, org_id, seq, hash, signed_at, previous, key_id, payload, signature, digest, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'schedule')`,
    args: [id, orgId, seq, hash, signedAt, previous, key.keyId, signed.payload, signed.signature, digest],
  });
  return { id, digest };
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
