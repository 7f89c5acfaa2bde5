import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withAuditMaintenance } from '../../backend/audit/chain/maintenance';
import { appendOnlyRefusalOf } from '../../backend/audit/tamper';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { bootstrap } from '../../backend/bootstrap';
import { organizations } from '../../backend/db/schema';
import { createLogger } from '../../backend/logger';
import type { AuditEvent } from '../../shared/audit-event';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { recomputeChain } from '../support/recompute-chain';

/*
 * Append-only storage: the database itself refuses to change or remove audit
 * rows, tombstones, checkpoints and chain heads, whoever asks, except the
 * purge, redaction and sealing paths inside their own transaction; an
 * attempt made while answering a request is recorded in the workspace.
 */

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const execute = (statement: string) => ws.deps.db.writerClient.execute(statement);
const count = async (statement: string) => Number((await execute(statement)).rows[0]![0]);

async function seedTombstoneAndCheckpoint(): Promise<void> {
  await execute(`insert into audit_tombstones (org_id, seq, leaf, hash, purge_id) values ('${ws.orgId}', 1000, zeroblob(32), zeroblob(32), 'p')`);
  await execute(
    `insert into audit_checkpoints (id, org_id, seq, hash, signed_at, previous, key_id, payload, signature, digest, reason)
     values ('cp', '${ws.orgId}', 1, 'h', 0, null, 'k', '{}', 's', 'd', 'demand')`,
  );
}

describe('the append-only audit tables', () => {
  it.each([
    ['an edit of an event', 'UPDATE of audit_events refused', `update audit_events set actor_name = 'someone else'`],
    ['a deletion of events', 'DELETE of audit_events refused', 'delete from audit_events'],
    ['an edit of a tombstone', 'UPDATE of audit_tombstones refused', `update audit_tombstones set purge_id = 'q'`],
    ['a deletion of tombstones', 'DELETE of audit_tombstones refused', 'delete from audit_tombstones'],
    ['an edit of a checkpoint', 'UPDATE of audit_checkpoints refused', `update audit_checkpoints set seq = 2`],
    ['a deletion of checkpoints', 'DELETE of audit_checkpoints refused', 'delete from audit_checkpoints'],
    ['moving a chain head back', 'a chain head cannot move back', 'update audit_chain_heads set seq = seq - 1'],
    ['moving an anchor outside a purge', 'a chain head cannot move back', 'update audit_chain_heads set anchor_seq = 1'],
    ['a deletion of chain heads', 'DELETE of audit_chain_heads refused', 'delete from audit_chain_heads'],
  ])('refuses %s through the writer connection, and nothing changes', async (_what, refusal, statement) => {
    await seedTombstoneAndCheckpoint();
    const tables = ['audit_events', 'audit_tombstones', 'audit_checkpoints', 'audit_chain_heads'];
    const snapshot = async () => Promise.all(tables.map(async (t) => JSON.stringify((await execute(`select * from ${t}`)).rows)));
    const before = await snapshot();

    await expect(execute(statement)).rejects.toThrow(`append-only audit log: ${refusal}`);

    expect(await snapshot()).toEqual(before);
  });

  it('lets the maintenance paths through only inside their own transaction, and leaves no marker behind', async () => {
    await ws.deps.writes.run((tx) =>
      withAuditMaintenance(tx, 'redaction', () => tx.run(sql`update audit_events set actor_name = actor_name where seq = 1`)),
    );
    await expect(
      ws.deps.writes.run((tx) =>
        withAuditMaintenance(tx, 'redaction', async () => {
          await tx.run(sql`update audit_events set actor_name = actor_name where seq = 1`);
          throw new Error('the job fails half way');
        }),
      ),
    ).rejects.toThrow('half way');

    expect(await count('select count(*) from audit_maintenance')).toBe(0);
    // A job that catches the failure of a maintenance step and goes on finds the triggers back.
    const afterCaught = ws.deps.writes.run(async (tx) => {
      await withAuditMaintenance(tx, 'purge', () => Promise.reject(new Error('step fails'))).catch(() => undefined);
      await tx.run(sql`delete from audit_events`);
    });
    expect(appendOnlyRefusalOf(await afterCaught.catch((error: unknown) => error))).toBe('DELETE of audit_events refused');
    const refused = await ws.deps.writes.run((tx) => tx.run(sql`delete from audit_events`)).catch((error: unknown) => error);
    expect(appendOnlyRefusalOf(refused)).toBe('DELETE of audit_events refused');
  });
});

describe('a refused change made while answering a request', () => {
  it('answers 500, keeps nothing the request wrote, and records a tamper_refused event for the caller', async () => {
    // Something planted in the database that rewrites the log whenever a customer is added.
    await execute(`create trigger rewrite_log after insert on customers begin update audit_events set actor_name = 'nobody'; end`);
    const customersBefore = await count('select count(*) from customers');
    const eventsBefore = await count('select count(*) from audit_events');

    const res = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } });

    expect(await bodyOf<{ error: { code: string } }>(res, 500)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(await count('select count(*) from customers')).toBe(customersBefore);
    const recorded = (await auditRowsOf(ws, ws.users.agent.id)).filter((e: AuditEvent) => e.event === 'tamper_refused');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actor: { type: 'user', id: ws.users.agent.id },
      category: 'settings',
      section: 'access',
      subject: { type: 'user', id: ws.users.agent.id },
      context: { refusal: 'UPDATE of audit_events refused', method: 'POST', route: '/api/v1/customers' },
    });
    expect(await count('select count(*) from audit_events')).toBe(eventsBefore + 1);
    expect(await count(`select count(*) from audit_events where actor_name = 'nobody'`)).toBe(0);
    expect(await recomputeChain(ws.deps, ws.orgId)).toMatchObject({ ok: true });
  });
});

describe('a refused change made by any write job', () => {
  it('is logged as an error, request or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditdesk-refusal-log-'));
    const logged: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
    const log = { ...createLogger('silent'), error: (message: string, fields?: Record<string, unknown>) => void logged.push({ message, fields }) };
    const deps = await bootstrap({ databaseUrl: `file:${join(dir, 'log.db')}`, log });
    try {
      await deps.writes.run(async (tx) => {
        await tx.insert(organizations).values({ id: 'org', name: 'Org', createdAt: deps.now() });
        await appendAudit(tx, { ...ws.systemCtx(), orgId: 'org' }, [
          { event: 'update', category: 'customer', section: 'customer', subject: { type: 'customer', id: 'c', label: 'c' }, links: NO_LINKS, property: 'name', before: null, after: 'x' },
        ]);
      });
      await expect(deps.writes.run((tx) => tx.run(sql`delete from audit_events`))).rejects.toThrow();
      expect(logged).toEqual([{ message: 'the append-only audit log refused a change', fields: expect.objectContaining({ refusal: 'DELETE of audit_events refused' }) }]);
    } finally {
      deps.db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
