import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSql } from '../../backend/db/sql';
import { indexArmsOf, matchingPositions, mergedArmsQuery } from '../../backend/audit/query/arms';
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
    ['an actor by name', { actor: ['Ana Ruiz'] }, deep, '_idx'],
    ['several conversations', { conversation: [id, '01M81J3EMT7EBGSMWJ3EXBJQSF'] }, {}, '_idx'],
    ['customers by name', { customer: ['ana', 'bo'] }, {}, '_idx'],
    ["one change's rows, a deep page", { change: id }, deep, 'audit_change_idx'],
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

/*
 * Several actors or conversations, or an actor given by name, are split into
 * one arm per value (arms.ts): each arm must walk its own index in order, or
 * a rare actor of a large log costs a scan of the whole log.
 */
async function armsPlan(filters: AuditFilters, options: AuditWhereOptions = {}): Promise<string> {
  const split = await indexArmsOf(ws.deps.db.reader, ws.orgId, filters);
  if (!split) throw new Error('the filter was not split');
  const where = await auditWhere(admin(), split.rest, options);
  const rows = await runSql(ws.deps.db.reader, sql`explain query plan ${mergedArmsQuery(sql`audit_events.id`, where, split.arms, 51)}`);
  return rows.map((r) => String(r.detail)).join('\n');
}

const other = '01M81J3EMT7EBGSMWJ3EXBJQSF';

describe('split filter plans', () => {
  it.each([
    ['an actor by a recorded name', { actor: ['Ana Ruiz'] }, deep, ['audit_actor_name_idx (org_id=? AND actor_name=?']],
    ['several actors', { actor: [id, other] }, {}, ['audit_actor_idx (org_id=? AND actor_id=?)']],
    ['an id and a name', { actor: [id, 'Round robin'] }, deep, ['audit_actor_idx (org_id=? AND actor_id=?', 'audit_actor_name_idx (org_id=? AND actor_name=?']],
    ['several conversations', { conversation: [id, other] }, deep, ['audit_conversation_idx (org_id=? AND conversation_id=?']],
  ] as Array<[string, AuditFilters, AuditWhereOptions, string[]]>)('%s merges index walks without sorting', async (_name, filters, options, indexes) => {
    const text = await armsPlan(filters, options);
    if (process.env.SHOW_PLANS) console.log(_name, '\n' + text);
    for (const index of indexes) expect(text).toContain(index);
    expect(text).not.toContain('audit_org_time_idx');
    // The merge may not sort; reading the merged page back sorts its few rows once (after SCAN page).
    const [merge, read] = text.split('SCAN page');
    expect(merge).not.toContain('TEMP B-TREE');
    expect(read).toBeDefined();
  });

  it('a user named in the filter walks that user\'s id as well as the recorded name', async () => {
    const text = await armsPlan({ actor: ['admin PERSON'] });
    expect(text.match(/audit_actor_idx \(org_id=\? AND actor_id=\?\)/g)).toHaveLength(1);
    expect(text).toContain('audit_actor_name_idx (org_id=? AND actor_name=?)');
  });
});

describe('activity count plans', () => {
  async function countPlan(filters: AuditFilters): Promise<string> {
    const matching = await matchingPositions(ws.deps.db.reader, admin(), filters);
    const rows = await runSql(ws.deps.db.reader, sql`explain query plan select count(*) from ${matching}`);
    return rows.map((r) => String(r.detail)).join('\n');
  }

  it('count an actor by name from the name and actor indexes alone, never reading every row', async () => {
    const text = await countPlan({ actor: ['admin person'] });
    expect(text).toContain('COVERING INDEX audit_actor_name_idx (org_id=? AND actor_name=?)');
    expect(text).toContain('COVERING INDEX audit_actor_idx (org_id=? AND actor_id=?)');
    expect(text).not.toMatch(/SCAN audit_events|audit_org_time_idx/);
  });

  it('count several actor ids from the actor index', async () => {
    const text = await countPlan({ actor: [id, other] });
    expect(text).toContain('audit_actor_idx (org_id=? AND actor_id=?)');
    expect(text).not.toMatch(/SCAN audit_events|audit_org_time_idx/);
  });
});

