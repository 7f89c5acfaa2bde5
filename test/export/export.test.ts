import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditExportRouter } from '../../backend/audit/export/router';
import { scanPackedAudit } from '../../backend/audit/query/scan';
import { recordAccessDenied } from '../../backend/auth/access-denied';
import { bearerAuth } from '../../backend/auth/authenticate';
import type { AppEnv } from '../../backend/http/app-env';
import { onError } from '../../backend/http/on-error';
import type { AuditEvent } from '../../shared/audit-event';
import { eventsOfJsonlExport } from '../support/jsonl-export';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { parseCsv, seedAuditRows } from './support';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

/** Every row of the workspace log for `query`, walking the list API's cursors. */
async function listAll(query: string): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/audit?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await ws.call('GET', url, { token: ws.tokens.admin });
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { items: AuditEvent[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function exportEvents(): Promise<AuditEvent[]> {
  return (await listAll('event=export')).filter((e) => e.event === 'export');
}

describe('audit export', () => {
  it('exports as CSV exactly the rows the list shows for the same filters, newest first', async () => {
    await seedAuditRows(ws, 2_500);
    const listed = await listAll('category=customer');
    const res = await ws.call('GET', '/api/v1/audit/export?format=csv&category=customer', { token: ws.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // UTF-8 BOM first, so Excel reads the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header!.slice(0, 7)).toEqual(['Performed By', 'Date', 'Event', 'Section', 'Property', 'Before', 'After']);
    const idColumn = header!.indexOf('Event id');
    expect(records.map((r) => r[idColumn])).toEqual(listed.map((e) => e.id));
    expect(listed).toHaveLength(1_250);
  });

  it('exports every row of a database file once, in order, while its batches are read on the worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auditdesk-export-'));
    ws.close();
    ws = await createTestWorkspace({ databaseUrl: `file:${join(dir, 'export.db')}` });
    try {
      await seedAuditRows(ws, 2_500);
      const listed = await listAll('');
      const res = await ws.call('GET', '/api/v1/audit/export?format=csv', { token: ws.tokens.admin });
      const [header, ...records] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      const idColumn = header!.indexOf('Event id');
      expect(records.length).toBeGreaterThan(2_000);
      expect(records.map((r) => r[idColumn])).toEqual(listed.map((e) => e.id));
    } finally {
      ws.close();
      rmSync(dir, { recursive: true, force: true });
      ws = await createTestWorkspace();
    }
  });

  it('writes cells with commas, quotes and line breaks so they read back intact, formulas neutralized', async () => {
    await seedAuditRows(ws, 20);
    const res = await ws.call('GET', '/api/v1/audit/export?category=customer&property=name', { token: ws.tokens.admin });
    const [header, ...records] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    const col = (name: string) => header!.indexOf(name);
    const row0 = records.find((r) => r[col('Before')] === 'Old\nname 0')!;
    expect(row0[col('Subject')]).toBe(`'=cmd, "x" 0`);
    expect(row0[col('After')]).toBe('{"plan":"gold","seats":0}');
    const row2 = records.find((r) => r[col('Before')] === 'Old\nname 2')!;
    expect(row2[col('After')]).toBe('New, name 2');
    expect(records.every((r) => r.length === header!.length)).toBe(true);
  });

  it('neutralizes formula values of settings rows', async () => {
    await seedAuditRows(ws, 2);
    const res = await ws.call('GET', '/api/v1/audit/export?category=settings', { token: ws.tokens.admin });
    const [header, row] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(row![header!.indexOf('Before')]).toBe("'+1");
    expect(row![header!.indexOf('After')]).toBe("'@SUM(A1)");
  });

  it('exports JSON Lines: one API event per line, equal to the list items', async () => {
    await seedAuditRows(ws, 300);
    const listed = await listAll('section=shortcut');
    const res = await ws.call('GET', '/api/v1/audit/export?format=jsonl&section=shortcut', { token: ws.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="audit-log-.*\.jsonl"/);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(eventsOfJsonlExport(text)).toEqual(listed);
  });

  it('is for admins only', async () => {
    for (const role of ['agent', 'lead'] as const) {
      const res = await ws.call('GET', '/api/v1/audit/export?format=csv', { token: ws.tokens[role] });
      expect(res.status).toBe(403);
    }
    expect((await ws.call('GET', '/api/v1/audit/export')).status).toBe(401);
  });

  it('refuses an unknown format or filter', async () => {
    for (const query of ['format=xlsx', 'bogus=1', 'from=2026-02-01&to=2026-01-01']) {
      const res = await ws.call('GET', `/api/v1/audit/export?${query}`, { token: ws.tokens.admin });
      expect(res.status, query).toBe(400);
    }
  });

  it('records the export, with its format, filters and row count, once the file is complete', async () => {
    await seedAuditRows(ws, 40);
    const res = await ws.call('GET', '/api/v1/audit/export?format=jsonl&section=shortcut', { token: ws.tokens.admin });
    await res.text();
    const [recorded, ...more] = await exportEvents();
    expect(more).toHaveLength(0);
    expect(recorded).toMatchObject({
      event: 'export',
      category: 'settings',
      section: 'access',
      actor: { type: 'user', id: ws.users.admin.id },
      context: { format: 'jsonl', filters: { section: 'shortcut' }, rows: 20, complete: true },
    });
  });

  it('records an export the client abandons, with the rows sent until then', async () => {
    await seedAuditRows(ws, 3_000);
    const res = await ws.call('GET', '/api/v1/audit/export?format=csv', { token: ws.tokens.admin });
    const reader = res.body!.getReader();
    await reader.read(); // the BOM and header
    await reader.read(); // the first batch
    await reader.cancel();
    await ws.deps.writes.whenIdle();
    const [recorded] = await exportEvents();
    expect(recorded!.context).toMatchObject({ format: 'csv', rows: 1_000, complete: false });
  });
});

describe('audit export memory', () => {
  it('streams 20,000 rows one bounded batch per read, never reading ahead of the client', async () => {
    await seedAuditRows(ws, 20_000);
    let reads = 0;
    let largest = 0;
    const counting: typeof scanPackedAudit = async function* (...args) {
      for await (const batch of scanPackedAudit(...args)) {
        reads += 1;
        largest = Math.max(largest, batch.length);
        yield batch;
      }
    };
    const app = new Hono<AppEnv>()
      .use(bearerAuth({ reader: ws.deps.db.reader, lucia: ws.deps.lucia }), recordAccessDenied(ws.deps))
      .route('/audit/export', auditExportRouter(ws.deps, { scan: counting, batchSize: 1_000 }));
    app.onError(onError(ws.deps.log));

    const res = await app.request('/audit/export?format=csv', { headers: { authorization: `Bearer ${ws.tokens.admin}` } });
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    // Answering took one batch (to turn a bad filter into a 400), not the result.
    expect(reads).toBe(1);

    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      chunks += 1;
      // The header chunk and one chunk per batch: never more than one batch read ahead of what was taken.
      expect(reads).toBeLessThanOrEqual(chunks);
    }
    expect(largest).toBeLessThanOrEqual(1_000);
    const rows = parseCsv(text.replace(/^\uFEFF/, '')).length - 1;
    // The seeded rows plus the fixture's own (users created, signed in).
    expect(rows).toBeGreaterThanOrEqual(20_000);
    expect(reads).toBe(Math.ceil(rows / 1_000));
  }, 60_000);
});
