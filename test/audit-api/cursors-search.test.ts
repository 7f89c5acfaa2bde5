import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { allPages, page, recordRow } from './fixtures';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const shortcut = (label: string, after = 'New') => ({
  category: 'settings' as const,
  section: 'shortcut' as const,
  subject: { type: 'shortcut' as const, id: ws.deps.newId(), label },
  after,
});

describe('signed cursors', () => {
  it('walks every row exactly once while new rows are being written', async () => {
    for (let i = 0; i < 60; i++) await recordRow(ws, 'admin', shortcut(`Reply ${i}`));
    const before = (await allPages(ws, 'admin', '/api/v1/audit?limit=200')).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const res: Awaited<ReturnType<typeof page>> = await page(ws, 'admin', `/api/v1/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.items.map((r) => r.id));
      cursor = res.nextCursor;
      // Rows written between pages are newer than the walk's position: they belong to the top of the log.
      await Promise.all([recordRow(ws, 'lead', shortcut(`Late ${n}`)), recordRow(ws, 'admin', shortcut(`Late b ${n++}`))]);
    } while (cursor);
    const walked = seen.filter((id) => before.includes(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(walked).toEqual(before);
  });

  it('answers 400 to a tampered, foreign or other-filter cursor', async () => {
    for (let i = 0; i < 5; i++) await recordRow(ws, 'admin', shortcut(`Reply ${i}`));
    const { nextCursor } = await page(ws, 'admin', '/api/v1/audit?limit=2&category=settings');
    expect(nextCursor).toBeTruthy();
    const cursor = nextCursor!;
    expect((await page(ws, 'admin', `/api/v1/audit?limit=2&category=settings&cursor=${cursor}`)).items).toHaveLength(2);

    const [body, mac] = cursor.split('.') as [string, string];
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString().replace(/\[\d+/, '[9999999999999')).toString('base64url');
    const flipped = `${body}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const bad of [`${edited}.${mac}`, flipped, 'garbage', `${body}.`]) {
      const res = await page(ws, 'admin', `/api/v1/audit?limit=2&category=settings&cursor=${encodeURIComponent(bad)}`, 400);
      expect(res).toMatchObject({ error: { code: 'invalid_request' } });
    }
    // Another user with the very same filters (a lead may not read settings, so both use no category).
    const own = (await page(ws, 'admin', '/api/v1/audit?limit=2')).nextCursor!;
    await page(ws, 'lead', `/api/v1/audit?limit=2&cursor=${own}`, 400);
    // The same user with other filters, or on a subject history.
    await page(ws, 'admin', `/api/v1/audit?limit=2&category=billing&cursor=${cursor}`, 400);
    await page(ws, 'admin', `/api/v1/audit?limit=2&category=settings&q=reply&cursor=${cursor}`, 400);
    // A different limit is the same filter set: the cursor still works.
    await page(ws, 'admin', `/api/v1/audit?limit=3&category=settings&cursor=${cursor}`);
  });
});

describe('search', () => {
  it('matches labels, property names and values by word prefix, combined with filters', async () => {
    await recordRow(ws, 'admin', shortcut('Refund reply'));
    await recordRow(ws, 'lead', shortcut('Greeting', 'Hello refundable friend'));
    await recordRow(ws, 'admin', { ...shortcut('Billing note'), property: 'messageBody' });
    const labels = async (query: string) => (await allPages(ws, 'admin', `/api/v1/audit?${query}`)).map((r) => r.subject.label).sort();
    expect(await labels('q=refund')).toEqual(['Greeting', 'Refund reply']);
    expect(await labels(`q=refund&actor=${ws.users.lead.id}`)).toEqual(['Greeting']);
    expect(await labels('q=REF%20reply')).toEqual(['Refund reply']);
    expect(await labels('q=messagebody')).toEqual(['Billing note']);
    expect(await labels('q=refund&category=billing')).toEqual([]);
  });

  it('treats search syntax as plain words and refuses a search with no words', async () => {
    await recordRow(ws, 'admin', shortcut('Refund reply'));
    expect((await page(ws, 'admin', '/api/v1/audit?q=refund%20OR%20NEAR(%22x%22)%20-')).items).toEqual([]);
    expect((await page(ws, 'admin', `/api/v1/audit?q=${encodeURIComponent('subject_label:refund')}`)).items).toEqual([]);
    expect((await page(ws, 'admin', `/api/v1/audit?q=${encodeURIComponent('"refund')}`)).items).toHaveLength(1);
    const bad = await page(ws, 'admin', `/api/v1/audit?q=${encodeURIComponent('" - *')}`, 400);
    expect(bad).toMatchObject({ error: { code: 'invalid_request' } });
  });
});

describe('date range', () => {
  it('includes from, excludes to, and reads a bare to-date as the whole day', async () => {
    const at = (iso: string) => new Date(iso);
    await recordRow(ws, 'admin', shortcut('Start of day'), at('2026-03-01T00:00:00.000Z'));
    await recordRow(ws, 'admin', shortcut('End of day'), at('2026-03-01T23:59:59.999Z'));
    await recordRow(ws, 'admin', shortcut('Next day'), at('2026-03-02T00:00:00.000Z'));
    const labels = async (query: string) =>
      (await allPages(ws, 'admin', `/api/v1/audit?category=settings&section=shortcut&${query}`)).map((r) => r.subject.label);
    expect(await labels('from=2026-03-01&to=2026-03-01')).toEqual(['End of day', 'Start of day']);
    expect(await labels('from=2026-03-01T23:59:59.999Z&to=2026-03-02')).toEqual(['Next day', 'End of day']);
    expect(await labels('from=2026-03-01&to=2026-03-02T00:00:00.000Z')).toEqual(['End of day', 'Start of day']);
    expect(await labels('from=2026-03-02')).toEqual(['Next day']);
    await page(ws, 'admin', '/api/v1/audit?from=2026-03-02&to=2026-03-01T00:00:00Z', 400);
    await page(ws, 'admin', '/api/v1/audit?from=yesterday', 400);
  });
});

describe('filter helpers', () => {
  it('count actors, sections, properties and activity over the filtered rows', async () => {
    await recordRow(ws, 'admin', { ...shortcut('A'), property: 'name' }, new Date('2026-03-01T10:05:00Z'));
    await recordRow(ws, 'admin', { ...shortcut('B'), property: 'actions' }, new Date('2026-03-01T10:55:00Z'));
    await recordRow(ws, 'lead', { ...shortcut('C'), property: 'name' }, new Date('2026-03-02T08:00:00Z'));
    const get = async <T>(path: string, role: 'admin' | 'agent' = 'admin') =>
      bodyOf<T>(await ws.call('GET', `/api/v1/audit/${path}`, { token: ws.tokens[role] }), 200);
    const filter = 'category=settings&section=shortcut';

    const actors = await get<{ items: Array<{ actor: { id: string }; count: number }> }>(`actors?${filter}`);
    expect(actors.items.map((a) => [a.actor.id, a.count])).toEqual([
      [ws.users.admin.id, 2],
      [ws.users.lead.id, 1],
    ]);
    const properties = await get<{ items: unknown[] }>(`properties?${filter}`);
    expect(properties.items).toEqual([
      { property: 'name', count: 2 },
      { property: 'actions', count: 1 },
    ]);
    const sections = await get<{ items: unknown[] }>(`sections?category=settings`);
    // The three users of the workspace were created through the engine: three `access` rows.
    expect(sections.items).toEqual([
      { section: 'access', count: 3 },
      { section: 'shortcut', count: 3 },
    ]);
    const hours = await get<{ items: unknown[] }>(`activity?${filter}&bucket=hour`);
    expect(hours.items).toEqual([
      { start: '2026-03-01T10:00:00.000Z', count: 2 },
      { start: '2026-03-02T08:00:00.000Z', count: 1 },
    ]);
    const days = await get<{ items: unknown[] }>(`activity?${filter}&bucket=day&to=2026-03-01`);
    expect(days.items).toEqual([{ start: '2026-03-01T00:00:00.000Z', count: 2 }]);
    // An agent's helpers count only what the agent may read.
    const agentSections = await get<{ items: Array<{ section: string }> }>('sections', 'agent');
    expect(agentSections.items.map((s) => s.section)).not.toContain('shortcut');
  });

  it('offers customer names by prefix, at most 20', async () => {
    for (const name of ['Ana Ruiz', 'anabel Ko', 'Bo Chen']) {
      await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201);
    }
    const res = await bodyOf<{ items: Array<{ name: string }> }>(await ws.call('GET', '/api/v1/audit/customers?prefix=ana', { token: ws.tokens.agent }), 200);
    expect(res.items.map((c) => c.name)).toEqual(['Ana Ruiz', 'anabel Ko']);
    for (let i = 0; i < 22; i++) await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: `Zed ${i}` } }), 201);
    const many = await bodyOf<{ items: unknown[] }>(await ws.call('GET', '/api/v1/audit/customers?prefix=zed', { token: ws.tokens.agent }), 200);
    expect(many.items).toHaveLength(20);
  });
});
