import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { type AuditDraft, appendAudit } from '../../backend/audit/engine';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { allPages } from './fixtures';

/*
 * `change` narrows the log to the rows of one change (one write, one
 * changeId), however many rows it has: the audit page's detail drawer pages
 * through a change with it.
 */

let ws: TestWorkspace;
const AT = new Date('2030-01-01T00:00:00.000Z');

/** One change of `count` settings rows, all at AT, written as the admin; its changeId. */
async function writeChange(count: number, category: AuditDraft['category'] = 'settings'): Promise<string> {
  const changeId = ws.deps.newId();
  const ctx = { ...ws.systemCtx(), actor: { type: 'user' as const, id: ws.users.admin.id, name: ws.users.admin.name }, now: () => AT, changeId };
  const subject = { type: 'shortcut' as const, id: ws.deps.newId(), label: 'Refund reply' };
  const drafts: AuditDraft[] = Array.from({ length: count }, (_, i) => ({
    event: 'update',
    category,
    section: category === 'settings' ? 'shortcut' : 'customer',
    subject,
    links: NO_LINKS,
    property: `p${i}`,
    before: i,
    after: i + 1,
  }));
  await ws.deps.writes.run((tx) => appendAudit(tx, ctx, drafts));
  return changeId;
}

beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

describe('GET /audit?change=', () => {
  it('pages through every row of a change wider than one page, and only those, though other changes share its instant', async () => {
    const wide = await writeChange(250);
    const neighbour = await writeChange(3);
    const rows = await allPages(ws, 'admin', `/api/v1/audit?change=${wide}&limit=100`);
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((row) => row.changeId))).toEqual(new Set([wide]));
    expect(new Set(rows.map((row) => row.property)).size).toBe(250);
    expect((await allPages(ws, 'admin', `/api/v1/audit?change=${neighbour}`)).map((row) => row.changeId)).toEqual([neighbour, neighbour, neighbour]);
  });

  it("keeps a change's rows to the caller's categories: a lead reads none of a settings change", async () => {
    const change = await writeChange(2);
    expect(await allPages(ws, 'lead', `/api/v1/audit?change=${change}`)).toEqual([]);
  });

  it('refuses a cursor of the same log without the change filter', async () => {
    const change = await writeChange(3);
    const first = await bodyOf<{ nextCursor: string }>(await ws.call('GET', '/api/v1/audit?limit=1', { token: ws.tokens.admin }), 200);
    const res = await ws.call('GET', `/api/v1/audit?change=${change}&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { token: ws.tokens.admin });
    expect(res.status).toBe(400);
  });

  it.each([
    ['not an id', 'change=abc'],
    ['given twice', `change=01JD00000000000000000000G1&change=01JD00000000000000000000G2`],
    ['empty', 'change='],
  ])('answers 400 to a change that is %s', async (_name, query) => {
    const res = await ws.call('GET', `/api/v1/audit?${query}`, { token: ws.tokens.admin });
    const body = await bodyOf<{ error: { code: string; details: Array<{ path: string }> } }>(res, 400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.map((detail) => detail.path)).toContain('change');
  });
});
