import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditContext } from '../../backend/audit/context';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { presentAuditEventFor } from '../../backend/audit/present';
import { eventJsonFor } from '../../backend/audit/query/event-json';
import { scrubRecordedValues } from '../../backend/audit/scrub';
import { runSqlArrays } from '../../backend/db/sql';
import type { SourceFields } from '../../backend/audit/source-fields';
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

async function eventsBothWays(fields: SourceFields = 'all'): Promise<Array<[sqlite: string, presented: string]>> {
  const fromSql = await runSqlArrays(ws.deps.db.reader, sql`select ${eventJsonFor(fields)} from audit_events order by audit_events.rowid`);
  const rows = await ws.deps.db.reader.select().from(auditEvents).orderBy(asc(sql`rowid`));
  expect(fromSql).toHaveLength(rows.length);
  const present = presentAuditEventFor(fields);
  return rows.map((row, i) => [fromSql[i]![0] as string, JSON.stringify(present(row))]);
}

/** Every column of audit_events but its id and context (and its place in the chain, which a copy has not). */
const COPIED_COLUMNS =
  'org_id, occurred_at, actor_type, actor_id, actor_name, event, category, section, subject_type, subject_id, subject_label, ' +
  'customer_id, conversation_id, property, before, after, change_id, request_id, ip, user_agent, api_key_id';

/** Rows written as a person with an awkward user agent, on the awkward values above. */
async function writeAwkwardEvents() {
  let clock = Date.UTC(2026, 0, 1, 0, 0, 0, 999);
  const ctx: AuditContext = {
    ...ws.systemCtx(),
    source: { requestId: 'r-1', ip: '2001:db8::1', userAgent: awkwardText[2]!, apiKeyId: 'k-1' },
    now: () => new Date((clock += 86_399_001)),
  };
  const drafts = Array.from({ length: awkwardValues.length * 2 }, (_, i) => draft(i));
  await ws.deps.writes.run((tx) => appendAudit(tx, ctx, drafts));
}

describe('events written by SQLite', () => {
  it('are byte for byte the presented event, whatever the values hold', async () => {
    await writeAwkwardEvents();
    const pairs = await eventsBothWays('all');
    for (const [sqlite, presented] of pairs) expect(sqlite).toBe(presented);
    expect(pairs.some(([sqlite]) => sqlite.includes('"ip":"2001:db8::1","userAgent":"controls'))).toBe(true);
  });

  it('are byte for byte the presented event without IP address and user agent, for callers who may not see them', async () => {
    await writeAwkwardEvents();
    const pairs = await eventsBothWays('without_client');
    for (const [sqlite, presented] of pairs) expect(sqlite).toBe(presented);
    const written = pairs.map(([sqlite]) => JSON.parse(sqlite).source).filter((source) => source.requestId === 'r-1');
    expect(written).toHaveLength(awkwardValues.length * 2);
    for (const source of written) expect(source).toEqual({ requestId: 'r-1', ip: null, userAgent: null, apiKeyId: 'k-1' });
  });

  it('give an empty stored context as null, as the presenter does', async () => {
    await ws.deps.writes.run((tx) => appendAudit(tx, ws.systemCtx(), [draft(1)]));
    // The engine never writes an empty context; a row from an older writer may hold one. Rows are append-only, so it is inserted as such a row.
    await ws.deps.db.writerClient.execute(
      `insert into audit_events (${COPIED_COLUMNS}, id, context) select ${COPIED_COLUMNS}, 'empty-context', '' from audit_events where subject_id = 'c-1'`,
    );
    const [pair] = (await eventsBothWays()).filter(([, presented]) => presented.includes('"empty-context"'));
    expect(JSON.parse(pair![0]).context).toBeNull();
    expect(pair![0]).toBe(pair![1]);
  });

  it('mark the context of a row whose values were redacted, as the presenter does', async () => {
    const message = { type: 'message' as const, id: 'm-1', label: 'Message' };
    const about = { category: 'conversation' as const, section: 'message' as const, subject: message, links: NO_LINKS };
    await ws.deps.writes.run((tx) =>
      appendAudit(tx, ws.systemCtx(), [
        { ...about, event: 'create', property: null, before: null, after: { body: 'card 4111', direction: 'in' }, context: { note: awkwardText[2] } },
        { ...about, event: 'update', property: 'body', before: 'card 4111', after: 'card 4111 again' },
        { ...about, event: 'update', property: 'direction', before: 'in', after: 'out', context: { n: 1 } },
      ]),
    );
    await ws.deps.writes.run((tx) => scrubRecordedValues(tx, ws.orgId, message, 'body'));

    const pairs = (await eventsBothWays()).filter(([, presented]) => presented.includes('"m-1"'));
    for (const [sqlite, presented] of pairs) expect(sqlite).toBe(presented);
    expect(pairs.map(([sqlite]) => JSON.parse(sqlite).context)).toEqual([{ note: awkwardText[2], redacted: true }, { redacted: true }, { n: 1 }]);
  });
});
