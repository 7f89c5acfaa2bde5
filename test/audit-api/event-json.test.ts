import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditContext } from '../../backend/audit/context';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { presentAuditEvent } from '../../backend/audit/present';
import { EVENT_JSON } from '../../backend/audit/query/event-json';
import { runSqlArrays } from '../../backend/db/sql';
import { auditEvents } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * Log pages are written by SQLite (event-json.ts), one-off reads by
 * presentAuditEvent: the same event must come out of both, byte for byte,
 * whatever people typed into the values.
 */

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

// No NUL here: libsql's row reading cuts a TEXT column at NUL, and JSON values (below) keep it as \u0000 anyway.
const awkwardText = [
  'plain',
  'quote " and backslash \\',
  'controls \u0001 \b \f \n \r \t \u001f \u007f',
  'accents é ü ß, CJK 漢字, emoji 🎉, separators \u2028 \u2029',
  '=HYPERLINK("x")',
  '',
];
const awkwardValues: unknown[] = [
  ...awkwardText,
  'NUL \u0000 inside',
  0,
  -5,
  0.1,
  1e21,
  1.5e-7,
  2 ** 53 + 2,
  true,
  null,
  [],
  ['a', 'b'],
  { nested: { list: [1, 'two', null], text: awkwardText[2] } },
];

function draft(i: number): AuditDraft {
  const text = awkwardText[i % awkwardText.length]!;
  return {
    event: 'update',
    category: 'customer',
    section: 'customer',
    subject: { type: 'customer', id: `c-${i}`, label: `${text} label` },
    links: { customerId: `c-${i}`, conversationId: null },
    property: i % 3 === 0 ? null : `${text} property`,
    before: awkwardValues[i % awkwardValues.length],
    after: awkwardValues[(i + 5) % awkwardValues.length],
    ...(i % 2 === 0 ? { context: { note: text, n: i } } : {}),
  };
}

async function eventsBothWays(): Promise<Array<[sqlite: string, presented: string]>> {
  const fromSql = await runSqlArrays(ws.deps.db.reader, sql`select ${EVENT_JSON} from audit_events order by audit_events.rowid`);
  const rows = await ws.deps.db.reader.select().from(auditEvents).orderBy(asc(sql`rowid`));
  expect(fromSql).toHaveLength(rows.length);
  return rows.map((row, i) => [fromSql[i]![0] as string, JSON.stringify(presentAuditEvent(row))]);
}

describe('events written by SQLite', () => {
  it('are byte for byte the presented event, whatever the values hold', async () => {
    let clock = Date.UTC(2026, 0, 1, 0, 0, 0, 999);
    const ctx: AuditContext = { ...ws.systemCtx(), now: () => new Date((clock += 86_399_001)) };
    const drafts = Array.from({ length: awkwardValues.length * 2 }, (_, i) => draft(i));
    await ws.deps.writes.run((tx) => appendAudit(tx, ctx, drafts));
    for (const [sqlite, presented] of await eventsBothWays()) expect(sqlite).toBe(presented);
  });

  it('give an empty stored context as null, as the presenter does', async () => {
    await ws.deps.writes.run((tx) => appendAudit(tx, ws.systemCtx(), [draft(1)]));
    await ws.deps.db.writerClient.execute(`update audit_events set context = '' where subject_id = 'c-1'`);
    const [pair] = (await eventsBothWays()).filter(([, presented]) => presented.includes('"c-1"'));
    expect(JSON.parse(pair![0]).context).toBeNull();
    expect(pair![0]).toBe(pair![1]);
  });
});
