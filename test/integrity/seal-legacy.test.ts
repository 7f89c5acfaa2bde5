import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealLegacyEvents } from '../../backend/audit/chain/seal-legacy';
import { presentAuditEvent } from '../../backend/audit/present';
import { bootstrap } from '../../backend/bootstrap';
import { auditEvents } from '../../backend/db/schema';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { recomputeChain, verifyWithVerifier } from '../support/recompute-chain';

/*
 * A database made before the hash chain holds events with no place in it
 * (seq NULL). They are inserted here as such a database holds them: without
 * seq, hash or seals, their JSON written in whatever key order it was.
 */

let dir: string;
let ws: TestWorkspace;
const opened: AppDeps[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auditdesk-legacy-'));
  ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'legacy.db')}` });
});
afterEach(() => {
  for (const deps of opened.splice(0)) deps.db.close();
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const execute = (sql: string, args: Array<string | number | null> = []) => ws.deps.db.writerClient.execute({ sql, args });

/** One event as written before the chain: no seq, hash or seals. */
async function insertUnsealed(orgId: string, id: string, occurredAt: number, fields: { property: string | null; before: string | null; after: string | null; context: string | null }) {
  await execute(
    `insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id,
       subject_label, customer_id, conversation_id, property, before, after, change_id, context, request_id, ip, user_agent, api_key_id)
     values (?, ?, ?, 'user', null, 'Old Agent', 'update', 'customer', 'customer', 'customer', 'legacy-customer', 'Legacy', 'legacy-customer', null,
       ?, ?, ?, ?, ?, null, null, null, null)`,
    [id, orgId, occurredAt, fields.property, fields.before, fields.after, `change-${id}`, fields.context],
  );
}

async function insertLegacyLog(orgId: string): Promise<void> {
  // Inserted out of time order: sealing chains them by (occurred_at, id).
  await insertUnsealed(orgId, 'legacy-3', 3_000, { property: null, before: null, after: '{"name":"Zoë","tier":{"z":1,"a":[2,1]}}', context: '' });
  await insertUnsealed(orgId, 'legacy-1', 1_000, { property: 'name', before: '"Old"', after: '"Quokka legacy"', context: '{"z":1,"a":{"y":2,"b":3}}' });
  await insertUnsealed(orgId, 'legacy-2b', 2_000, { property: 'custom.n', before: '{"b":1, "a":2}', after: '2.5', context: null });
  await insertUnsealed(orgId, 'legacy-2a', 2_000, { property: 'name', before: '"Quokka legacy"', after: null, context: '{"redacted":true}' });
}

async function legacyRows(deps: AppDeps, orgId: string) {
  return deps.db.reader.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.seq));
}

async function reopen(): Promise<AppDeps> {
  const deps = await bootstrap({ databaseUrl: `file:${join(dir, 'legacy.db')}`, log: createLogger('silent') });
  opened.push(deps);
  return deps;
}

describe('sealing events written before the hash chain', () => {
  it('chains them at start after the workspace head, oldest first, and the whole chain verifies', async () => {
    const chainedBefore = (await recomputeChain(ws.deps, ws.orgId)).checked;
    await insertLegacyLog(ws.orgId);
    const presentedBefore = new Map((await legacyRows(ws.deps, ws.orgId)).map((row) => [row.id, presentAuditEvent(row)]));

    const deps = await reopen();

    const rows = await legacyRows(deps, ws.orgId);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.slice(chainedBefore).map((r) => r.id)).toEqual(['legacy-1', 'legacy-2a', 'legacy-2b', 'legacy-3']);
    expect(await recomputeChain(deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, checked: chainedBefore + 4 });
    expect(await verifyWithVerifier(deps, ws.orgId)).toMatchObject({ ok: true, firstBadSequence: null, checked: chainedBefore + 4 });
    // The same events, their JSON now canonical (the form their commitments hash).
    for (const row of rows.filter((r) => r.id.startsWith('legacy-'))) {
      const { context, ...event } = presentAuditEvent(row);
      const { context: contextBefore, ...eventBefore } = presentedBefore.get(row.id)!;
      expect(event).toEqual(eventBefore);
      expect(context).toEqual(contextBefore);
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('legacy-3')).toMatchObject({ after: '{"name":"Zoë","tier":{"a":[2,1],"z":1}}', context: null });
    expect(byId.get('legacy-1')!.context).toBe('{"a":{"b":3,"y":2},"z":1}');
    // A row a redaction emptied before the chain existed still reads as redacted.
    expect(presentAuditEvent(byId.get('legacy-2a')!).context).toEqual({ redacted: true });
    // The search index follows the rewritten values: each of the two rows holding the word found once.
    const hits = await deps.db.writerClient.execute(`select count(*) from audit_search where audit_search match 'quokka'`);
    expect(Number(hits.rows[0]![0])).toBe(2);
  });

  it('seals in batches, leaves a sealed database untouched on the next start, and keeps each workspace its own chain', async () => {
    const otherOrg = 'other-org';
    await execute(`insert into organizations (id, name, created_at) values (?, 'Other Co', 0)`, [otherOrg]);
    await insertLegacyLog(ws.orgId);
    await insertUnsealed(otherOrg, 'other-1', 500, { property: 'name', before: null, after: '"x"', context: null });

    expect(await sealLegacyEvents(ws.deps, { batchSize: 2 })).toBe(5);

    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
    expect(await recomputeChain(ws.deps, otherOrg)).toMatchObject({ ok: true, checked: 1 });
    expect(await verifyWithVerifier(ws.deps, otherOrg)).toMatchObject({ ok: true, checked: 1 });
    const hashes = (await legacyRows(ws.deps, ws.orgId)).map((r) => r.hash!.toString('hex'));
    expect(await sealLegacyEvents(ws.deps)).toBe(0);
    const deps = await reopen();
    expect((await legacyRows(deps, ws.orgId)).map((r) => r.hash!.toString('hex'))).toEqual(hashes);
  });
});
