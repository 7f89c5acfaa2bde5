import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditContext } from '../../backend/audit/context';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { ftsQueryOf } from '../../backend/audit/query/search';
import { searchRowids, type SearchTuning } from '../../backend/audit/query/search-keys';
import { auditWhere, type AuditWhereOptions } from '../../backend/audit/query/where';
import type { Principal } from '../../backend/auth/principal';
import type { AuditFilters } from '../../shared/schemas/audit';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * A search page is found by sorting the matches or by walking the filters'
 * index through a window of recent rows (search-keys.ts). Whichever way it
 * goes, the page must be the newest matching rows in (occurred_at, id)
 * order, even when insertion order (rowid) says otherwise.
 */

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const ROWS = 400;
const T0 = Date.UTC(2026, 0, 1);

/** Rows written in a scrambled time order; "needle" in every third of the newer half and a few old ones. */
async function seed() {
  const drafts: Array<[at: number, draft: AuditDraft]> = [];
  for (let i = 0; i < ROWS; i++) {
    // i*7919 mod ROWS visits every slot once, far from insertion order; slots repeat times in pairs (ties broken by id).
    const slot = (i * 7919) % ROWS;
    const needle = slot >= ROWS / 2 ? slot % 3 === 0 : slot % 50 === 0;
    drafts.push([
      T0 + Math.floor(slot / 2) * 1000,
      {
        event: 'update',
        category: slot % 2 ? 'customer' : 'settings',
        section: slot % 2 ? 'customer' : 'shortcut',
        subject: { type: slot % 2 ? 'customer' : 'shortcut', id: `s-${slot}`, label: needle ? `needle ${slot}` : `hay ${slot}` },
        links: slot % 2 ? { customerId: `s-${slot}`, conversationId: null } : { customerId: null, conversationId: null },
        property: 'name',
        before: null,
        after: `value ${slot}`,
      },
    ]);
  }
  await ws.deps.writes.run(async (tx) => {
    for (const [at, draft] of drafts) {
      const ctx: AuditContext = { ...ws.systemCtx(), now: () => new Date(at) };
      await appendAudit(tx, ctx, [draft]);
    }
  });
}

function admin(): Principal {
  const { id } = ws.users.admin;
  return { orgId: ws.orgId, actor: { type: 'user', id, name: 'Admin' }, user: { id, email: 'a@x', name: 'Admin', role: 'admin' }, apiKey: null, sessionId: null };
}

async function page(filters: AuditFilters, options: AuditWhereOptions, limit: number, tuning?: SearchTuning) {
  const where = await auditWhere(admin(), filters, options);
  return searchRowids(ws.deps.db.reader, where, ftsQueryOf('needle'), limit, tuning);
}

const ALWAYS_SORT: SearchTuning = { sortAtMost: Number.MAX_SAFE_INTEGER, window: 1 };
const WAYS: Array<[string, SearchTuning]> = [
  ['a walk whose window holds the page', { sortAtMost: 0, window: 1_000 }],
  ['a walk that runs out of window and sorts the older matches', { sortAtMost: 0, window: 9 }],
  ['a walk through a window of one row', { sortAtMost: 0, window: 1 }],
];

describe('search pages', () => {
  it.each(WAYS)('are the newest matches whichever way they are found: %s', async (_name, tuning) => {
    await seed();
    const sorted = await page({}, {}, 50, ALWAYS_SORT);
    expect(sorted.length).toBe(50);
    expect(await page({}, {}, 50, tuning)).toEqual(sorted);
    // With a filter, and from a cursor position deep in the log.
    const filters: AuditFilters = { category: ['customer'] };
    expect(await page(filters, {}, 20, tuning)).toEqual(await page(filters, {}, 20, ALWAYS_SORT));
    const before = { before: { occurredAt: T0 + (ROWS / 4) * 1000, id: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ' } };
    const deep = await page({}, before, 30, ALWAYS_SORT);
    expect(deep.length).toBeGreaterThan(0);
    expect(await page({}, before, 30, tuning)).toEqual(deep);
  });
});
