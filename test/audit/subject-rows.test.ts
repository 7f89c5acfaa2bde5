import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { selectAboutSubject } from '../../backend/audit/subject-rows';
import { runSql } from '../../backend/db/sql';
import { PROPERTY_TIMEOUT_MS, runs } from '../property/runs';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/*
 * The subject index holds only rows whose subject is not one of their own
 * links; the rows about an object are found through three indexes. Whatever
 * the links of a row (its own id, another object's, none, as ingested events
 * may have them), the rows about a subject must be exactly the rows naming it.
 */

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

const SUBJECT_TYPES = ['conversation', 'customer', 'message'] as const;
type Subject = { type: (typeof SUBJECT_TYPES)[number]; id: string };

function aboutSubjectIds(subject: Subject): Promise<string[]> {
  return runSql(ws.deps.db.reader, selectAboutSubject(sql`id`, ws.orgId, subject, sql`1`)).then((rows) => rows.map((r) => String(r.id)).sort());
}

async function namingSubjectIds(subject: Subject): Promise<string[]> {
  const rows = await runSql(
    ws.deps.db.reader,
    sql`select id from audit_events where org_id = ${ws.orgId} and subject_type = ${subject.type} and subject_id = ${subject.id}`,
  );
  return rows.map((r) => String(r.id)).sort();
}

describe('the rows about one subject', () => {
  it(
    'are exactly the rows naming it, whatever conversation or customer the rows link to',
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              type: fc.constantFrom(...SUBJECT_TYPES),
              subject: fc.nat(2),
              conversation: fc.option(fc.nat(2)),
              customer: fc.option(fc.nat(2)),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          async (rows) => {
            // Ids of this run only, so earlier runs' rows cannot make a match.
            const prefix = `run${++run}-`;
            const idOf = (n: number) => `${prefix}${n}`;
            const drafts: AuditDraft[] = rows.map((r) => ({
              event: 'update',
              category: 'conversation',
              section: 'conversation',
              subject: { type: r.type, id: idOf(r.subject), label: 'Subject' },
              links: { conversationId: r.conversation === null ? null : idOf(r.conversation), customerId: r.customer === null ? null : idOf(r.customer) },
              property: 'name',
              before: 'a',
              after: 'b',
            }));
            await ws.deps.writes.run((tx) => appendAudit(tx, ws.systemCtx(), drafts));
            for (const type of SUBJECT_TYPES) {
              for (const n of [0, 1, 2]) {
                const subject = { type, id: idOf(n) };
                expect(await aboutSubjectIds(subject)).toEqual(await namingSubjectIds(subject));
              }
            }
          },
        ),
        runs(25),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(SUBJECT_TYPES)('are read through indexes for a %s, never a scan of the log', async (type) => {
    const query = selectAboutSubject(sql`id`, ws.orgId, { type, id: '01M81J3EMT7EBGSMWJ3EXBJQSE' }, sql`property = 'name'`);
    const plan = (await runSql(ws.deps.db.reader, sql`explain query plan ${query}`)).map((r) => String(r.detail)).join('\n');
    expect(plan).toContain('USING INDEX audit_conversation_idx');
    expect(plan).toContain('USING INDEX audit_customer_idx');
    expect(plan).toContain('USING INDEX audit_unlinked_subject_idx');
    expect(plan).not.toMatch(/SCAN audit_events\b(?! USING)/);
  });
});
