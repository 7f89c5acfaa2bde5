import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyPem } from '../../backend/audit/checkpoints/key';
import { verifyCommand } from '../../backend/audit/verify/command';
import { copyDatabase, newKeyPair, recomputeTail, signStoredCheckpoint, tamper } from '../support/chain-copies';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg } from '../support/second-org';

/* `npm run verify` on copies of a database file and on exports, offline: its JSON answer and exit code. */

const dir = mkdtempSync(join(tmpdir(), 'auditdesk-verify-cli-'));
let ws: TestWorkspace;
let keyFile: string;
let otherOrgId: string;
beforeAll(async () => {
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'live.db')}` });
  otherOrgId = (await createSecondOrg(ws)).orgId;
  for (const name of ['Ana', 'Bo', 'Cy', 'Di']) await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } });
  keyFile = join(dir, 'signing-key.pem');
  writeFileSync(keyFile, publicKeyPem(ws.deps.signing));
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
const copy = () => copyDatabase(ws.deps.db.writerClient, dir, `copy-${++copies}.db`);
const json = (output: string) => JSON.parse(output) as Record<string, unknown>;

async function downloadLatestCheckpoint(): Promise<string> {
  expect((await ws.call('POST', '/api/v1/audit/checkpoints', { token: ws.tokens.admin })).status).toBe(201);
  const res = await ws.call('GET', '/api/v1/audit/checkpoints/latest/download', { token: ws.tokens.admin });
  expect(res.status).toBe(200);
  const path = join(dir, `checkpoint-${++copies}.json`);
  writeFileSync(path, await res.text());
  return path;
}

describe('npm run verify -- --db', () => {
  it('verifies every workspace of an untouched copy and exits 0', async () => {
    const { code, output } = await verifyCommand(['--db', await copy(), '--public-key', keyFile]);
    expect(code).toBe(0);
    const report = json(output) as { ok: boolean; workspaces: Array<{ orgId: string; ok: boolean; checked: number }> };
    expect(report.ok).toBe(true);
    expect(report.workspaces.map((w) => w.orgId).sort()).toEqual([ws.orgId, otherOrgId].sort());
    expect(report.workspaces.every((w) => w.ok && w.checked > 0)).toBe(true);
  });

  it('reports the first bad sequence number of one workspace and exits 1', async () => {
    const path = await copy();
    tamper(path, (db) => db.execute(`update audit_events set subject_label = 'Zed' where org_id = ? and seq = 5`, [ws.orgId]));
    const { code, output } = await verifyCommand(['--db', path, '--org', ws.orgId]);
    expect(code).toBe(1);
    expect(json(output)).toMatchObject({ orgId: ws.orgId, ok: false, checked: 4, firstBadSequence: 5, signatures: 'not checked: give --public-key or --checkpoint' });
  });

  it('holds the copy against a checkpoint file kept elsewhere: a recomputed chain with its checkpoints deleted is caught', async () => {
    const kept = await downloadLatestCheckpoint();
    const path = await copy();
    tamper(path, (db) => {
      db.execute(`update audit_events set subject_label = 'Zed' where org_id = ? and seq = 5`, [ws.orgId]);
      recomputeTail(db, ws.orgId, 5);
      db.execute('delete from audit_checkpoints', []);
    });
    expect((await verifyCommand(['--db', path, '--org', ws.orgId])).code).toBe(0);
    const { code, output } = await verifyCommand(['--db', path, '--checkpoint', kept, '--public-key', keyFile]);
    expect(code).toBe(1);
    expect(json(output)).toMatchObject({ orgId: ws.orgId, ok: false, firstBadSequence: 1, reason: expect.stringContaining(`checkpoint ${kept}`) });
    const intact = await verifyCommand(['--db', await copy(), '--checkpoint', kept]);
    expect(json(intact.output)).toMatchObject({ ok: true, signatures: expect.stringContaining('carried by the checkpoint file') });
  });

  it('refuses a checkpoint file signed by another key than the one given', async () => {
    const forger = newKeyPair();
    const path = await copy();
    const forged = await signStoredCheckpoint(ws.deps.db.writerClient, ws.orgId, forger);
    const file = join(dir, 'forged.json');
    writeFileSync(file, JSON.stringify({ payload: forged.payload, signature: forged.signature, publicKey: forger.publicKey.export({ type: 'spki', format: 'pem' }) }));
    const { code, output } = await verifyCommand(['--db', path, '--checkpoint', file, '--public-key', keyFile]);
    expect(code).toBe(1);
    expect(json(output)).toMatchObject({ ok: false, reason: expect.stringContaining('is not signed by key') });
  });
});

describe('npm run verify -- --export', () => {
  it('verifies a saved export (exit 0) and finds a changed line in it (exit 1)', async () => {
    const text = await (await ws.call('GET', '/api/v1/audit/export?format=jsonl', { token: ws.tokens.admin })).text();
    const saved = join(dir, 'export.jsonl');
    writeFileSync(saved, text);
    const good = await verifyCommand(['--export', saved, '--public-key', keyFile]);
    expect(good.code).toBe(0);
    expect(json(good.output)).toMatchObject({ ok: true, partial: false, key: 'given' });
    writeFileSync(saved, text.replace('"name":"Bo"', '"name":"Bob"'));
    const bad = await verifyCommand(['--export', saved, '--public-key', keyFile]);
    expect(bad.code).toBe(1);
    expect(json(bad.output)).toMatchObject({ ok: false, firstBadSequence: expect.any(Number) });
  });
});

describe('npm run verify usage', () => {
  it('exits 2 with the usage for missing, conflicting or unknown arguments and unreadable files', async () => {
    for (const argv of [[], ['--db', 'a.db', '--export', 'b.jsonl'], ['--bogus'], ['--db', join(dir, 'missing.db')], ['--export', join(dir, 'missing.jsonl')], ['--db', 'x', '--public-key', join(dir, 'missing.pem')]]) {
      const { code, output } = await verifyCommand(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(output).toContain('usage:');
    }
  });

  it('runs as npm run verify does, with its exit code', async () => {
    const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const script = join(import.meta.dirname, '..', '..', 'scripts', 'verify.ts');
    const { stdout } = await promisify(execFile)(tsx, [script, '--db', await copy(), '--org', ws.orgId]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true });
    const failed = await promisify(execFile)(tsx, [script, '--bogus']).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
  });
});
