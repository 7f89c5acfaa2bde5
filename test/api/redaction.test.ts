import { readFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { verifyExportText } from '../../backend/audit/verify/export-lines';
import { recomputeChain, verifyWithVerifier } from '../support/recompute-chain';

const SECRET = 'card 4111-1111-1111-1111 exp 12/29';
const EDITED = 'my new card is 5500-0000-0000-0004';

let dir: string;
let ws: TestWorkspace;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-redaction-'));
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'redaction.db')}` });
});
afterEach(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  const customer = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
    id: string;
  };
  const conversation = (await (
    await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: customer.id, name: 'Card problem' } })
  ).json()) as { id: string };
  const message = (await (
    await ws.call('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      token: ws.tokens.agent,
      body: { body: SECRET, direction: 'in' },
    })
  ).json()) as { id: string };
  await ws.call('PATCH', `/api/v1/messages/${message.id}`, { token: ws.tokens.agent, body: { body: EDITED } });
  return { conversationId: conversation.id, messageId: message.id };
}

/** Every text value in every table of the database. */
async function allStoredText(): Promise<string> {
  const tables = await ws.deps.db.reader.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await ws.deps.db.reader.all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}"`));
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

describe('message redaction', () => {
  it('records who redacted the message and when, without the content', async () => {
    const { conversationId, messageId } = await setup();
    const res = await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { body: unknown }).body).toBeNull();

    const history = (await (await ws.call('GET', `/api/v1/conversations/${conversationId}/audit`, { token: ws.tokens.agent })).json()) as {
      items: AuditEvent[];
    };
    const [redaction] = history.items;
    expect(redaction).toMatchObject({
      event: 'redact',
      section: 'message',
      property: 'body',
      before: null,
      after: null,
      actor: { type: 'user', id: ws.users.lead.id },
      subject: { type: 'message', id: messageId },
    });
    // The earlier rows are still there (the log shows the body changed), but hold no value.
    const earlier = history.items.filter((e) => e.subject.id === messageId && e.event !== 'redact');
    expect(earlier.map((e) => e.event)).toEqual(['update', 'create']);
    expect(earlier.every((e) => e.context?.redacted === true)).toBe(true);
  });

  it('leaves no trace of the content in any table', async () => {
    const { messageId } = await setup();
    expect(await allStoredText()).toContain(SECRET);
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });
    const text = await allStoredText();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(EDITED);
  });

  it('keeps the chain verifying: each erased value leaves its commitment in place of its salt', async () => {
    const { messageId } = await setup();
    const before = await recomputeChain(ws.deps, ws.orgId);
    expect(before.ok).toBe(true);
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });

    const after = await recomputeChain(ws.deps, ws.orgId);
    expect(after).toMatchObject({ ok: true, firstBadSequence: null, checked: before.checked + 1 });
    expect(await verifyWithVerifier(ws.deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, checked: after.checked });
    const verified = await ws.call('GET', '/api/v1/audit/verify?full=true', { token: ws.tokens.admin });
    expect(await verified.json()).toMatchObject({ ok: true, firstBadSequence: null });
    const rows = await ws.deps.db.reader.all<{ event: string; property: string | null; seals: string | null; context: string | null }>(
      sql`SELECT event, property, seals, context FROM audit_events WHERE subject_id = ${messageId} AND event != 'redact' ORDER BY seq`,
    );
    expect(rows.map((r) => [r.event, r.property])).toEqual([['create', null], ['update', 'body']]);
    const [created, edited] = rows.map((r) => JSON.parse(r.seals!) as { b?: unknown; a: unknown });
    expect(created!.a).toMatchObject({ body: expect.stringMatching(/^=[0-9a-f]{64}$/), direction: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(edited).toEqual({ b: expect.stringMatching(/^=[0-9a-f]{64}$/), a: expect.stringMatching(/^=[0-9a-f]{64}$/) });
    // The context is part of what the hash covers: it is not rewritten.
    for (const row of rows) expect(row.context).toBeNull();
  });

  it('leaves an export that verifies offline and holds no copy of the text', async () => {
    const { messageId } = await setup();
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });
    const res = await ws.call('GET', '/api/v1/audit/export?format=jsonl', { token: ws.tokens.admin });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(EDITED);
    const redacted = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { subject?: { id: string }; event?: string; context?: { redacted?: boolean } | null })
      .filter((event) => event.subject?.id === messageId && event.event !== 'redact');
    expect(redacted.map((event) => event.context?.redacted)).toEqual([true, true]);
    expect(verifyExportText(text, ws.deps.signing.publicKey)).toMatchObject({ ok: true, partial: false, firstBadSequence: null });
  });

  it('leaves none of its words in the search index', async () => {
    const { messageId } = await setup();
    const matches = () => ws.deps.db.reader.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_search WHERE audit_search MATCH '4111 OR 5500'`);
    expect((await matches())[0]!.n).toBeGreaterThan(0);
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });
    expect((await matches())[0]!.n).toBe(0);
  });

  it('leaves no trace of the content in the database files on disk', async () => {
    const { messageId } = await setup();
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.lead });
    // Free pages are zeroed (secure_delete); the WAL is checkpointed by the redaction.
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file)).toString('latin1');
      expect(bytes, file).not.toContain(SECRET);
      expect(bytes, file).not.toContain(EDITED);
    }
  });

  it('is not allowed to agents, and a redacted message cannot be edited', async () => {
    const { messageId } = await setup();
    expect((await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.agent })).status).toBe(403);
    await ws.call('POST', `/api/v1/messages/${messageId}/redact`, { token: ws.tokens.admin });
    const edit = await ws.call('PATCH', `/api/v1/messages/${messageId}`, { token: ws.tokens.agent, body: { body: 'again' } });
    expect(edit.status).toBe(409);
  });
});
