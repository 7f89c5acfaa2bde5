import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, customers } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

describe('a change and its audit rows commit together', () => {
  it('keeps neither the entity write nor the audit write when the audit write fails', async () => {
    const created = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } });
    const { id } = (await created.json()) as { id: string };
    // A real failure at the audit insert, after the entity UPDATE has run.
    await ws.deps.writes.run((tx) =>
      tx.run(sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`),
    );

    const res = await ws.call('PATCH', `/api/v1/customers/${id}`, { token: ws.tokens.agent, body: { name: 'Changed' } });

    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toMatch(/disk on fire|INSERT|audit_events/);
    const [row] = await ws.deps.db.reader.select().from(customers).where(sql`id = ${id}`);
    expect(row?.name).toBe('Ana');
    const rows = await ws.deps.db.reader.select().from(auditEvents).where(sql`subject_id = ${id}`);
    expect(rows.map((r) => r.event)).toEqual(['create']);
  });

  it('keeps serving requests after a failed write', async () => {
    await ws.deps.writes.run((tx) =>
      tx.run(sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN NEW.event = 'update' BEGIN SELECT RAISE(ABORT, 'no'); END`),
    );
    const { id } = (await (await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } })).json()) as {
      id: string;
    };
    expect((await ws.call('PATCH', `/api/v1/customers/${id}`, { token: ws.tokens.agent, body: { name: 'B' } })).status).toBe(500);
    expect((await ws.call('GET', `/api/v1/customers/${id}`, { token: ws.tokens.agent })).status).toBe(200);
    expect((await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Next' } })).status).toBe(201);
  });
});
