import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSql } from '../../backend/db/sql';
import { auditWhere, type AuditWhereOptions } from '../../backend/audit/query/where';
import type { Principal } from '../../backend/auth/principal';
import type { AuditFilters } from '../../shared/schemas/audit';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * The list query must walk an index in (occurred_at, id) order and stop
 * after a page: a plan that sorts ("USE TEMP B-TREE FOR ORDER BY") costs
 * the whole matching set on every page, however deep.
 */

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
  // Statistics as a large log would have them, so the planner chooses as it would in production.
  await ws.deps.db.writerClient.execute('ANALYZE');
});
afterEach(() => ws.close());

function admin(): Principal {
  return { orgId: ws.orgId, actor: { type: 'user', id: ws.users.admin.id, name: 'Admin' }, user: { id: ws.users.admin.id, email: 'a@x', name: 'Admin', role: 'admin' }, apiKey: null, sessionId: null };
}

async function plan(filters: AuditFilters, options: AuditWhereOptions = {}): Promise<string> {
  const where = await auditWhere(admin(), filters, options);
  const rows = await runSql(
    ws.deps.db.reader,
    sql`explain query plan select * from audit_events where ${where} order by audit_events.occurred_at desc, audit_events.id desc limit 51`,
  );
  return rows.map((r) => String(r.detail)).join('\n');
}

const deep = { before: { occurredAt: Date.now(), id: '01M81J3EMT7EBGSMWJ3EXBJQSD' } };
const id = '01M81J3EMT7EBGSMWJ3EXBJQSE';

describe('list query plans', () => {
  it.each([
    ['workspace first page', {}, {}, 'audit_org_time_idx'],
    ['a deep workspace page', {}, deep, 'audit_org_time_idx'],
    ['one category', { category: ['settings'] }, {}, 'audit_category_idx'],
    ['one actor over 30 days', { actor: [id], from: '2026-01-01', to: '2026-01-30' }, {}, 'audit_actor_idx'],
    ['a conversation history', {}, { subject: { type: 'conversation', id } }, 'audit_conversation_idx'],
    ['a customer history page deep down', {}, { subject: { type: 'customer', id }, ...deep }, '_idx'],
    ['several events and an exclusion', { event: ['update', 'create'], notProperty: ['status'] }, {}, 'audit_org_time_idx'],
    ['several categories', { category: ['settings', 'billing'] }, deep, '_idx'],
    ['all but one category', { notCategory: ['customer'] }, {}, '_idx'],
    ['several actors', { actor: [id, '01M81J3EMT7EBGSMWJ3EXBJQSF'] }, {}, '_idx'],
    ['an actor by name', { actor: ['Ana Ruiz'] }, deep, 'audit_org_time_idx'],
    ['several conversations', { conversation: [id, '01M81J3EMT7EBGSMWJ3EXBJQSF'] }, {}, '_idx'],
    ['customers by name', { customer: ['ana', 'bo'] }, {}, '_idx'],
  ] as Array<[string, AuditFilters, AuditWhereOptions, string]>)('%s walks an index without sorting', async (_name, filters, options, index) => {
    const text = await plan(filters, options);
    if (process.env.SHOW_PLANS) console.log(_name, "\n" + text);
    expect(text).toContain(index);
    expect(text).not.toContain('TEMP B-TREE');
  });

  it('a search reads the full-text index', async () => {
    const text = await plan({ q: 'refund' });
    expect(text).toMatch(/audit_search VIRTUAL TABLE INDEX/);
  });
});
