import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../backend/audit/context';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import { runSql } from '../../backend/db/sql';
import type { Watch } from '../../shared/api-client-responses';
import { CATEGORIES } from '../../shared/enums';
import { auditCategoriesFor } from '../../shared/permissions';
import { exclusionOf, LIST_FILTERS, type ListFilter } from '../../shared/schemas/audit';
import { allPages } from '../audit-api/fixtures';
import { matchedEventIds } from '../notifications/watch-support';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * A watch on any log filter matches, among the events written after it was
 * made, exactly the events its owner's GET /audit returns for the same
 * filter: the matcher's in-memory shortcuts never change what the log's
 * WHERE decides.
 */

let ws: TestWorkspace;
const customers: string[] = [];
const conversations: string[] = [];
const automation: Actor = { type: 'workflow', id: '', name: 'Triage Flow' };
let actors: Actor[] = [];
const T0 = Date.UTC(2026, 10, 1);
const ROWS = 40;

beforeAll(async () => {
  ws = await createTestWorkspace();
  // Real customers, so that a customer filter by part of a name selects rows.
  for (const name of ['Ana Ruiz', 'Bo Chen', 'Cy Diaz']) {
    customers.push((await bodyOf<{ id: string }>(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201)).id);
  }
  for (let i = 0; i < 3; i++) conversations.push(ws.deps.newId());
  automation.id = ws.deps.newId();
  actors = [
    { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
    { type: 'user', id: ws.users.lead.id, name: ws.users.lead.name },
    { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name },
    ws.systemCtx().actor,
    automation,
  ];
}, PROPERTY_TIMEOUT_MS);
afterAll(() => ws.close());

/** The same spread of events in every case: every category, section, property, actor and link, over a week. */
const drafts = fc.sample(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()), { numRuns: ROWS, seed: 11 });

async function writeEvents(): Promise<void> {
  for (const [i, [day, customer, event, category, section, conversation, property, actor]] of drafts.entries()) {
    const pick = <T,>(values: readonly T[], n: number) => values[n % values.length]!;
    const customerId = pick([...customers, null], customer);
    const draft: AuditDraft = {
      event: pick(['update', 'create', 'delete', 'login', 'status_changed'] as const, event),
      category: pick(CATEGORIES, category),
      section: pick(['customer', 'conversation', 'shortcut', 'routing', 'access'] as const, section),
      subject: { type: 'shortcut', id: `s-${i}`, label: `Row ${i} ${pick(['quiet', 'loud'], day)}` },
      links: customerId === null && i % 3 === 0 ? NO_LINKS : { customerId, conversationId: pick([...conversations, null], conversation) },
      property: pick(['status', 'name', 'priority', null], property),
      before: 'a',
      after: pick(['b', 'c'], i),
    };
    const at = T0 + (day % 7) * 86_400_000 + i * 60_000;
    await ws.deps.writes.run((tx) => appendAudit(tx, { ...ws.systemCtx(), actor: pick(actors, actor), now: () => new Date(at) }, [draft]));
  }
}

function valuesOf(name: ListFilter): string[] {
  switch (name) {
    case 'category':
      return [...CATEGORIES];
    case 'actor':
      return [ws.users.admin.id, ws.users.agent.id, automation.id!, 'admin person', 'LEAD PERSON', 'test fixture', 'Triage Flow', 'Nobody Here'];
    case 'conversation':
      return [...conversations, ws.deps.newId()];
    case 'customer':
      return [...customers, ws.deps.newId(), 'ana', 'CHEN', 'nobody'];
    case 'section':
      return ['customer', 'conversation', 'shortcut', 'routing', 'access', 'workflow'];
    case 'event':
      return ['update', 'create', 'delete', 'login', 'status_changed', 'merge'];
    case 'property':
      return ['status', 'name', 'priority', 'plan'];
  }
}

/** A log filter in query string form, of the log's filters that a role may ask for. */
function filterArbitrary(role: 'admin' | 'lead'): fc.Arbitrary<string> {
  const rarely = <T,>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary, weight: 1 });
  const list = (values: string[]) => rarely(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));
  const fields: Record<string, fc.Arbitrary<string[] | string | undefined>> = {};
  for (const name of LIST_FILTERS) {
    fields[name] = list(name === 'category' ? [...auditCategoriesFor(role)] : valuesOf(name));
    fields[exclusionOf(name)] = list(valuesOf(name));
  }
  const instant = fc.integer({ min: -1, max: 8 }).map((day) => new Date(T0 + day * 86_400_000 + 3_600_000).toISOString());
  fields.actorKind = rarely(fc.constantFrom('person', 'automation'));
  fields.from = rarely(instant);
  fields.to = rarely(instant);
  fields.q = rarely(fc.constantFrom('quiet', 'loud', 'status', 'c'));
  return fc.record(fields, { requiredKeys: [] }).map((f) => {
    if (typeof f.from === 'string' && typeof f.to === 'string' && f.from > f.to) [f.from, f.to] = [f.to, f.from];
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(f)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, one);
    }
    return params.toString();
  });
}

async function newestEventId(): Promise<string> {
  const [row] = await runSql(ws.deps.db.reader, sql`select max(id) as id from audit_events`);
  return String(row?.id ?? '');
}

describe('a filter watch', () => {
  it(
    'matches exactly the events its owner’s GET /audit returns for the same filter',
    async () => {
      const owner = fc.constantFrom('admin' as const, 'lead' as const);
      await fc.assert(
        fc.asyncProperty(owner.chain((role) => fc.tuple(fc.constant(role), filterArbitrary(role))), async ([role, filter]) => {
          const watch = await bodyOf<Watch>(
            await ws.call('POST', '/api/v1/watches', { token: ws.tokens[role], body: { filter, includeOwn: true } }),
            201,
          );
          const marker = await newestEventId();
          await writeEvents();
          const logged = await allPages(ws, role, `/api/v1/audit?limit=200${filter ? `&${filter}` : ''}`);
          const expected = logged.map((row) => row.id).filter((id) => id > marker).sort();
          expect(await matchedEventIds(ws, watch.id), filter).toEqual(expected);
          await bodyOf(await ws.call('DELETE', `/api/v1/watches/${watch.id}`, { token: ws.tokens[role] }), 204);
        }),
        runs(30),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
