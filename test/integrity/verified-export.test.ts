import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../backend/audit/chain/checkpoint';
import { verifyExportText } from '../../backend/audit/verify/export-lines';
import { newKeyPair } from '../support/chain-copies';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
  const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as { id: string };
  for (let i = 0; i < 12; i++) {
    await ws.call('PATCH', `/api/v1/customers/${customer.id}`, {
      token: ws.tokens.agent,
      body: { name: `Ana ${i}`, tags: [`t${i}`], custom: { n: i, nested: { z: 'é', a: [1e21, 0.1, -5] } } },
    });
  }
});
afterAll(() => ws.close());

async function exportText(query = ''): Promise<string> {
  const res = await ws.call('GET', `/api/v1/audit/export?format=jsonl${query}`, { token: ws.tokens.admin });
  expect(res.status).toBe(200);
  return res.text();
}

const head = async () => Number((await ws.deps.db.writerClient.execute({ sql: 'select seq from audit_chain_heads where org_id = ?', args: [ws.orgId] })).rows[0]![0]);

/** The export's lines, the one with sequence number `seq` changed by `change`. */
function changeLine(text: string, seq: number, change: (event: Record<string, unknown>) => void): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line) return line;
      const event = JSON.parse(line) as Record<string, unknown> & { proof?: { seq: number } };
      if (event.proof?.seq !== seq) return line;
      change(event);
      return JSON.stringify(event);
    })
    .join('\n');
}

describe('a JSON Lines export verified offline', () => {
  it('is cut at a checkpoint signed when it starts, ends with it, and proves every event up to it', async () => {
    const seqBefore = await head();
    const text = await exportText();
    const trailer = JSON.parse(text.trim().split('\n').at(-1)!) as { checkpoint: { payload: string; signature: string; publicKey: string; keyId: string; algorithm: string } };
    expect(trailer.checkpoint).toMatchObject({ algorithm: 'Ed25519', keyId: ws.deps.signing.keyId });
    expect(openCheckpoint(ws.deps.signing.publicKey, trailer.checkpoint)).toMatchObject({ orgId: ws.orgId, seq: seqBefore });
    const result = verifyExportText(text, ws.deps.signing.publicKey);
    expect(result).toMatchObject({ ok: true, checked: seqBefore, partial: false, gaps: [], firstBadSequence: null, reason: null, key: 'given' });
    expect(result.checkpoint).toMatchObject({ orgId: ws.orgId, seq: seqBefore });
    // The export's own record comes after its checkpoint, and is in the next export.
    expect(await head()).toBe(seqBefore + 1);
  });

  it('finds a changed value, a changed field and a changed sequence number at the line changed', async () => {
    const text = await exportText();
    const changedValue = changeLine(text, 6, (event) => {
      event.after = 'Someone else';
    });
    expect(verifyExportText(changedValue, ws.deps.signing.publicKey)).toMatchObject({ ok: false, firstBadSequence: 6, reason: 'event 6 does not match its hash: it was changed' });
    const changedActor = changeLine(text, 9, (event) => {
      (event.actor as { name: string }).name = 'Admin Person';
    });
    expect(verifyExportText(changedActor, ws.deps.signing.publicKey)).toMatchObject({ ok: false, firstBadSequence: 9 });
    const moved = changeLine(text, 3, (event) => {
      (event.proof as { seq: number }).seq = 99_999;
    });
    expect(verifyExportText(moved, ws.deps.signing.publicKey)).toMatchObject({ ok: false, firstBadSequence: 99_999 });
  });

  it('finds a line re-hashed to fit as not following the line before it', async () => {
    const text = await exportText();
    const lines = text.trim().split('\n');
    const events = lines.slice(0, -1).map((line) => JSON.parse(line) as { proof: { seq: number; previous: string; hash: string } });
    const ten = events.find((event) => event.proof.seq === 10)!;
    const rewired = changeLine(text, 10, (event) => {
      (event.proof as { previous: string }).previous = 'ab'.repeat(32);
    });
    expect(ten.proof.previous).not.toBe('ab'.repeat(32));
    expect(verifyExportText(rewired, ws.deps.signing.publicKey)).toMatchObject({ ok: false, firstBadSequence: 10 });
  });

  it('says a filtered export, or one with a line taken out, is partial and names the gaps, each line still proven', async () => {
    const filtered = await exportText('&event=create');
    const result = verifyExportText(filtered, ws.deps.signing.publicKey);
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.checked).toBeGreaterThan(0);
    const full = await exportText();
    const withoutSeven = full
      .split('\n')
      .filter((line) => !line || (JSON.parse(line) as { proof?: { seq: number } }).proof?.seq !== 7)
      .join('\n');
    expect(verifyExportText(withoutSeven, ws.deps.signing.publicKey)).toMatchObject({ ok: true, partial: true, gaps: [[7, 7]] });
  });

  it('refuses an export whose checkpoint another key signed, and one without its checkpoint line', async () => {
    const text = await exportText();
    const other = newKeyPair();
    expect(verifyExportText(text, other.publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('checkpoint is not signed by key') });
    const withoutTrailer = text.trim().split('\n').slice(0, -1).join('\n');
    expect(verifyExportText(withoutTrailer, ws.deps.signing.publicKey)).toMatchObject({ ok: false, reason: 'the export does not end with its checkpoint line' });
  });

  it('uses the key the export carries when none is given, and says so', async () => {
    expect(verifyExportText(await exportText())).toMatchObject({ ok: true, key: 'export' });
  });
});
