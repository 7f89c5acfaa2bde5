import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit } from '../../backend/audit/engine';
import { purgeExpiredAudit } from '../../backend/audit/retention/purge';
import { startRetentionPurge } from '../../backend/audit/retention/scheduler';
import { auditEvents, organizations } from '../../backend/db/schema';
import { createLogger } from '../../backend/logger';
import type { AuditEvent } from '../../shared/audit-event';
import type { Category } from '../../shared/enums';
import { appendEventAt, auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

let clock: number;
let ws: TestWorkspace;
beforeEach(async () => {
  clock = NOW;
  ws = await createTestWorkspace({ now: () => new Date(clock) });
});
afterEach(() => ws.close());

function eventAt(at: number, category: Category, word: string): Promise<void> {
  return appendEventAt(ws, at, category, word);
}

async function remaining(word: string): Promise<number> {
  return (await auditRowsOf(ws, `subject-${word}`)).length;
}

async function searchHits(word: string): Promise<number> {
  const [row] = await ws.deps.db.reader.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_search WHERE audit_search MATCH ${word}`);
  return row!.n;
}

async function purgeRows(): Promise<AuditEvent[]> {
  return (await auditRowsOf(ws, ws.orgId)).filter((r) => r.event === 'purged');
}

function putRetention(body: object, token = ws.tokens.admin) {
  return ws.call('PUT', '/api/v1/settings/retention', { token, body });
}

describe('the retention purge', () => {
  it('keeps an event exactly at the cutoff and deletes one a millisecond older (default 365 days)', async () => {
    const cutoff = NOW - 365 * DAY;
    await eventAt(cutoff, 'customer', 'atcutoff');
    await eventAt(cutoff - 1, 'customer', 'expired');

    await purgeExpiredAudit(ws.deps);

    expect(await remaining('atcutoff')).toBe(1);
    expect(await remaining('expired')).toBe(0);
    // The search index follows the delete.
    expect(await searchHits('expired')).toBe(0);
    expect(await searchHits('atcutoff')).toBe(1);
  });

  it('records one system event per run with the cutoff and the count', async () => {
    const cutoff = NOW - 365 * DAY;
    await eventAt(cutoff - DAY, 'customer', 'old1');
    await eventAt(cutoff - DAY, 'conversation', 'old2');
    await eventAt(cutoff - 2 * DAY, 'conversation', 'old3');

    await purgeExpiredAudit(ws.deps);

    const [purged, ...more] = await purgeRows();
    expect(more).toHaveLength(0);
    expect(purged).toMatchObject({
      actor: { type: 'system', id: null },
      event: 'purged',
      category: 'settings',
      section: 'access',
      subject: { type: 'retention_settings', id: ws.orgId, label: 'Audit log retention' },
      occurredAt: new Date(NOW).toISOString(),
      context: {
        cutoff: new Date(cutoff).toISOString(),
        count: 3,
        byCategory: {
          customer: { cutoff: new Date(cutoff).toISOString(), count: 1 },
          conversation: { cutoff: new Date(cutoff).toISOString(), count: 2 },
        },
        // The workspace's first rows (its users) are kept: the three purged events stay as tombstones in the chain.
        anchor: null,
        tombstones: 3,
      },
    });
  });

  it('writes nothing when nothing has expired, and a later run never purges its own record', async () => {
    await purgeExpiredAudit(ws.deps);
    expect(await purgeRows()).toHaveLength(0);

    await eventAt(NOW - 400 * DAY, 'customer', 'old');
    await purgeExpiredAudit(ws.deps);
    clock += 10 * DAY;
    await purgeExpiredAudit(ws.deps);
    expect(await purgeRows()).toHaveLength(1);
  });

  it('applies a per-category override instead of the default days', async () => {
    await bodyOf(await putRetention({ days: 365, categoryDays: { customer: 30 } }), 200);
    await eventAt(NOW - 31 * DAY, 'customer', 'customerold');
    await eventAt(NOW - 31 * DAY, 'conversation', 'conversationold');
    await eventAt(NOW - 30 * DAY, 'customer', 'customeredge');

    await purgeExpiredAudit(ws.deps);

    expect(await remaining('customerold')).toBe(0);
    expect(await remaining('customeredge')).toBe(1);
    expect(await remaining('conversationold')).toBe(1);
    const [purged] = await purgeRows();
    expect(purged!.context).toMatchObject({
      cutoff: new Date(NOW - 365 * DAY).toISOString(),
      count: 1,
      byCategory: { customer: { cutoff: new Date(NOW - 30 * DAY).toISOString(), count: 1 } },
    });
  });

  it('deletes in small batches until everything expired is gone', async () => {
    for (let i = 0; i < 7; i++) await eventAt(NOW - 400 * DAY - i, 'customer', `batch${i}`);

    const [report] = await purgeExpiredAudit(ws.deps, { batchSize: 2 });

    expect(report).toMatchObject({ orgId: ws.orgId, count: 7 });
    for (let i = 0; i < 7; i++) expect(await remaining(`batch${i}`)).toBe(0);
  });

  it("leaves other workspaces' rows to their own retention", async () => {
    await bodyOf(await putRetention({ days: 30 }), 200);
    const otherOrg = ws.deps.newId();
    await ws.deps.writes.run((tx) => tx.insert(organizations).values({ id: otherOrg, name: 'Other Co', createdAt: new Date(NOW) }));
    await ws.deps.writes.run((tx) =>
      appendAudit(tx, { ...ws.systemCtx(), orgId: otherOrg, now: () => new Date(NOW - 100 * DAY) }, [
        { event: 'update', category: 'customer', section: 'customer', subject: { type: 'customer', id: 'other', label: 'x' }, links: NO_LINKS, property: 'name', before: null, after: 'x' },
      ]),
    );

    await purgeExpiredAudit(ws.deps);

    const kept = await ws.deps.db.reader.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.orgId, otherOrg));
    expect(kept).toHaveLength(1);
  });

  it('runs at start when the scheduler is started', async () => {
    await eventAt(NOW - 400 * DAY, 'customer', 'atstart');
    const scheduler = startRetentionPurge({ ...ws.deps, log: createLogger('silent') });
    await scheduler.tick();
    await scheduler.stop();
    expect(await remaining('atstart')).toBe(0);
  });
});

describe('GET/PUT /settings/retention', () => {
  it('serves the default of 365 days until the admin sets it', async () => {
    expect(await bodyOf(await ws.call('GET', '/api/v1/settings/retention', { token: ws.tokens.admin }), 200)).toEqual({ days: 365, categoryDays: {} });
  });

  it('stores the setting through the audit log: created on the first PUT, updated after', async () => {
    expect(await bodyOf(await putRetention({ days: 90, categoryDays: { billing: 730 } }), 200)).toEqual({ days: 90, categoryDays: { billing: 730 } });
    await bodyOf(await putRetention({ days: 120 }), 200);

    expect(await bodyOf(await ws.call('GET', '/api/v1/settings/retention', { token: ws.tokens.admin }), 200)).toEqual({ days: 120, categoryDays: {} });
    const rows = await auditRowsOf(ws, ws.orgId);
    expect(rows.map((r) => [r.event, r.property, r.before, r.after])).toEqual([
      ['create', null, null, { days: 90, categoryDays: { billing: 730 } }],
      ['update', 'days', 90, 120],
      ['update', 'categoryDays', { billing: 730 }, {}],
    ]);
    for (const r of rows) expect(r).toMatchObject({ category: 'settings', section: 'access', actor: { id: ws.users.admin.id } });
  });

  it('enforces the minimum of 30 days, for the default and for every override', async () => {
    for (const body of [{ days: 29 }, { days: 365, categoryDays: { billing: 10 } }, { days: 3651 }, { days: 45.5 }, { days: 90, categoryDays: { nope: 90 } }]) {
      const res = await bodyOf<{ error: { code: string } }>(await putRetention(body), 400);
      expect(res.error.code).toBe('invalid_request');
    }
    expect(await bodyOf(await putRetention({ days: 30, categoryDays: { customer: 30 } }), 200)).toEqual({ days: 30, categoryDays: { customer: 30 } });
  });

  it('is for admins only', async () => {
    for (const token of [ws.tokens.agent, ws.tokens.lead]) {
      expect((await ws.call('GET', '/api/v1/settings/retention', { token })).status).toBe(403);
      expect((await putRetention({ days: 30 }, token)).status).toBe(403);
    }
    expect(await bodyOf(await ws.call('GET', '/api/v1/settings/retention', { token: ws.tokens.admin }), 200)).toEqual({ days: 365, categoryDays: {} });
  });
});
