import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADERS, auditCsvRecord } from '../../backend/audit/export/columns';
import { csvField, csvRecord } from '../../backend/audit/export/csv';
import { neutralizeFormula } from '../../backend/audit/export/neutralize';
import type { AuditRow } from '../../backend/audit/query/scan';

const row: AuditRow = {
  id: '01J0000000000000000000000A',
  orgId: 'org',
  occurredAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  actorType: 'user',
  actorId: 'u1',
  actorName: 'Ana Ruiz',
  event: 'update',
  category: 'customer',
  section: 'customer',
  subjectType: 'customer',
  subjectId: 'c1',
  subjectLabel: 'Bob',
  customerId: 'c1',
  conversationId: null,
  property: 'name',
  before: JSON.stringify('Bob'),
  after: JSON.stringify('=HYPERLINK("http://evil.example","click")'),
  changeId: 'ch1',
  context: null,
  requestId: 'r1',
  ip: '10.0.0.1',
  userAgent: 'Mozilla/5.0 (X11, Linux)',
  apiKeyId: null,
};

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
  it("puts the seed's seven columns first, in its order", () => {
    expect(AUDIT_CSV_HEADERS.slice(0, 7)).toEqual(['Performed By', 'Date', 'Event', 'Section', 'Property', 'Before', 'After']);
    expect(AUDIT_CSV_HEADERS).toHaveLength(20);
  });

  it('writes strings without JSON quotes, neutralizes and then quotes a formula value', () => {
    const record = auditCsvRecord(row);
    expect(record.endsWith('\r\n')).toBe(true);
    const cells = record.slice(0, -2).split(',');
    expect(cells.slice(0, 6)).toEqual(['Ana Ruiz', '2026-01-02T03:04:05.000Z', 'update', 'customer', 'name', 'Bob']);
    // `'=HYPERLINK("http://evil.example","click")` holds quotes and a comma: quoted, quotes doubled.
    expect(record).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(record).toContain('"Mozilla/5.0 (X11, Linux)"');
  });

  it('writes structured values as JSON text and missing ones as empty cells', () => {
    const record = auditCsvRecord({ ...row, event: 'create', property: null, before: null, after: JSON.stringify({ tags: ['a'], n: -1 }) });
    expect(record.startsWith('Ana Ruiz,2026-01-02T03:04:05.000Z,create,customer,,,"{""tags"":[""a""],""n"":-1}",')).toBe(true);
  });

  it('neutralizes a negative number value and a label starting with @', () => {
    const record = auditCsvRecord({ ...row, after: '-5', subjectLabel: '@admin' });
    expect(record).toContain(",'-5,");
    expect(record).toContain(",'@admin,");
  });
});
