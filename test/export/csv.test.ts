import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { AUDIT_CSV_HEADERS, auditCsvLine, csvPackingFor } from '../../backend/audit/export/columns';
import { csvField, csvRecord } from '../../backend/audit/export/csv';
import { neutralizeFormula } from '../../backend/audit/export/neutralize';
import { selectPackedAuditRows } from '../../backend/audit/query/rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

const AT = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

const draft: AuditDraft = {
  event: 'update',
  category: 'customer',
  section: 'customer',
  subject: { type: 'customer', id: '01J0000000000000000000000C', label: 'Bob' },
  links: NO_LINKS,
  property: 'name',
  before: 'Bob',
  after: '=HYPERLINK("http://evil.example","click")',
};

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

/** One audit row written by the engine as Ana Ruiz, read back as the export writes it. */
async function csvOf(changes: Partial<AuditDraft> = {}, userAgent = 'Mozilla/5.0 (X11, Linux)'): Promise<string> {
  const ctx = {
    ...ws.systemCtx(),
    actor: { type: 'user' as const, id: ws.users.admin.id, name: 'Ana Ruiz' },
    source: { requestId: 'r1', ip: '10.0.0.1', userAgent, apiKeyId: null },
    now: () => AT,
  };
  await ws.deps.writes.run((tx) => appendAudit(tx, ctx, [{ ...draft, ...changes }]));
  const [packed] = await selectPackedAuditRows(ws.deps.db.reader, sql`audit_events.org_id = ${ws.orgId} and audit_events.subject_id = ${draft.subject.id}`, 'newest', 1, {
    packing: csvPackingFor('all'),
  });
  return auditCsvLine(packed!);
}

describe('formula-injection neutralization', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', `'+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tleading tab', `'\tleading tab`],
    ['\rleading CR', `'\rleading CR`],
  ])('prefixes %j with a quote so a spreadsheet shows it as text', (value, expected) => {
    expect(neutralizeFormula(value)).toBe(expected);
  });

  it('leaves ordinary values, empty ones and inner formula characters alone', () => {
    for (const value of ['Ana', '', '1+1', 'a=b', "it's", 'x@y.example']) expect(neutralizeFormula(value)).toBe(value);
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes fields holding a comma, a quote, CR or LF and doubles their quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
    expect(csvField('plain')).toBe('plain');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});

describe('audit rows as CSV', () => {
  it('puts the seven columns a person reads first: Performed By, Date, Event, Section, Property, Before, After', () => {
    expect(AUDIT_CSV_HEADERS.slice(0, 7)).toEqual(['Performed By', 'Date', 'Event', 'Section', 'Property', 'Before', 'After']);
    expect(AUDIT_CSV_HEADERS).toHaveLength(20);
  });

  it('writes strings without JSON quotes, neutralizes and then quotes a formula value', async () => {
    const record = await csvOf();
    expect(record.endsWith('\r\n')).toBe(true);
    const cells = record.slice(0, -2).split(',');
    expect(cells.slice(0, 6)).toEqual(['Ana Ruiz', '2026-01-02T03:04:05.000Z', 'update', 'customer', 'name', 'Bob']);
    // `'=HYPERLINK("http://evil.example","click")` holds quotes and a comma: quoted, quotes doubled.
    expect(record).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(record).toContain('"Mozilla/5.0 (X11, Linux)"');
  });

  it('writes structured values as JSON text and missing ones as empty cells', async () => {
    const record = await csvOf({ event: 'create', property: null, before: null, after: { tags: ['a'], n: -1 } });
    // Stored values are canonical JSON: object keys sorted.
    expect(record.startsWith('Ana Ruiz,2026-01-02T03:04:05.000Z,create,customer,,,"{""n"":-1,""tags"":[""a""]}",')).toBe(true);
  });

  it('neutralizes a negative number value and a label starting with @', async () => {
    const record = await csvOf({ after: -5, subject: { ...draft.subject, label: '@admin' } });
    expect(record).toContain(",'-5,");
    expect(record).toContain(",'@admin,");
  });

  it('keeps a string value\'s escapes: quotes, line breaks and non-ASCII read back as typed', async () => {
    const record = await csvOf({ after: 'Zoë said "hi"\nbye' });
    expect(record).toContain(',"Zoë said ""hi""\nbye",');
  });
});
