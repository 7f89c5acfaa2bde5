import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../backend/audit/definition';
import { appendAudit, type AuditDraft } from '../../backend/audit/engine';
import type { Actor } from '../../backend/audit/context';
import type { AuditEvent } from '../../shared/audit-event';
import { auditCategoriesFor } from '../../shared/permissions';
import { CATEGORIES, type Role } from '../../shared/enums';
import { ID_PATTERN } from '../../shared/schemas/common';
import { exclusionOf, LIST_FILTERS, type ListFilter } from '../../shared/schemas/audit';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { allPages } from '../audit-api/fixtures';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * Any combination of the log's filters (several values, exclusions, actor
 * ids and names in any case, people or automations, a time range) selects
 * from the log exactly the rows a plain reference filter written here
 * selects, page after page, and the activity counts add up to them.
 */

let ws: TestWorkspace;
const customers: string[] = [];
const conversations: string[] = [];
/** Rows of the log as each role reads it unfiltered. */
const logOf = {} as Record<Exclude<Role, 'agent'>, AuditEvent[]>;
/** The users' names now (the agent is renamed after writing the rows, so rows hold the old name). */
const currentNames = new Map<string, string>();
const automation: Actor = { type: 'workflow', id: '', name: 'Triage Flow' };
const T0 = Date.UTC(2026, 10, 1);
const ROWS = 120;
const PROPERTIES = ['status', 'name', 'priority', null] as const;

beforeAll(async () => {
  ws = await createTestWorkspace();
  for (let i = 0; i < 3; i++) customers.push(ws.deps.newId());
  for (let i = 0; i < 3; i++) conversations.push(ws.deps.newId());
  automation.id = ws.deps.newId();
  const actors: Actor[] = [
    { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
    { type: 'user', id: ws.users.lead.id, name: ws.users.lead.name },
    { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name },
    ws.systemCtx().actor,
    automation,
  ];
  const random = fc.sample(fc.nat(1_000_000), { numRuns: ROWS * 8, seed: 7 });
  const pick = <T,>(values: readonly T[], n: number) => values[random[n]! % values.length]!;
  for (let i = 0; i < ROWS; i++) {
    const at = T0 + pick([0, 1, 2, 3, 4, 5, 6], i * 8) * 86_400_000 + i * 60_000;
    const customerId = pick([...customers, null], i * 8 + 1);
    const draft: AuditDraft = {
      event: pick(['update', 'create', 'delete', 'login', 'status_changed'] as const, i * 8 + 2),
      category: pick(CATEGORIES, i * 8 + 3),
      section: pick(['customer', 'conversation', 'shortcut', 'routing', 'access'] as const, i * 8 + 4),
      subject: { type: 'shortcut', id: `s-${i}`, label: `Row ${i}` },
      links: customerId === null && i % 3 === 0 ? NO_LINKS : { customerId, conversationId: pick([...conversations, null], i * 8 + 5) },
      property: pick(PROPERTIES, i * 8 + 6),
      before: 'a',
      after: 'b',
    };
    const ctx = { ...ws.systemCtx(), actor: pick(actors, i * 8 + 7), now: () => new Date(at) };
    await ws.deps.writes.run((tx) => appendAudit(tx, ctx, [draft]));
  }
  await bodyOf(await ws.call('PATCH', `/api/v1/users/${ws.users.agent.id}`, { token: ws.tokens.admin, body: { name: 'Zoe Field' } }), 200);
  for (const role of ['admin', 'lead', 'agent'] as const) currentNames.set(ws.users[role].id, role === 'agent' ? 'Zoe Field' : ws.users[role].name);
  logOf.admin = await allPages(ws, 'admin', '/api/v1/audit?limit=200');
  logOf.lead = await allPages(ws, 'lead', '/api/v1/audit?limit=200');
}, PROPERTY_TIMEOUT_MS);
afterAll(() => ws.close());

type Filter = Partial<Record<ListFilter | `not${Capitalize<ListFilter>}`, string[]>> & {
  actorKind?: 'person' | 'automation';
  from?: string;
  to?: string;
};

/** Actor values: ids, recorded names and current names in any case, and names nobody has. */
function actorValues(): string[] {
  return [
    ws.users.admin.id,
    ws.users.agent.id,
    automation.id!,
    'admin person',
    'AGENT PERSON',
    'zoe field',
    'test fixture',
    'Triage Flow',
    'Nobody Here',
  ];
}

function valuesOf(name: ListFilter): string[] {
  switch (name) {
    case 'category':
      return [...CATEGORIES];
    case 'actor':
      return actorValues();
    case 'conversation':
      return [...conversations, ws.deps.newId()];
    case 'customer':
      return [...customers, ws.deps.newId()];
    case 'section':
      return ['customer', 'conversation', 'shortcut', 'routing', 'access', 'workflow'];
    case 'event':
      return ['update', 'create', 'delete', 'login', 'status_changed', 'merge'];
    case 'property':
      return ['status', 'name', 'priority', 'plan'];
  }
}

function filterArbitrary(role: 'admin' | 'lead'): fc.Arbitrary<Filter> {
  const allowed = auditCategoriesFor(role);
  // Each filter is absent from most cases, so that combinations still select rows.
  const rarely = <T,>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary, weight: 1 });
  const list = (values: string[]) => rarely(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));
  const fields: Record<string, fc.Arbitrary<string[] | string | undefined>> = {};
  for (const name of LIST_FILTERS) {
    // A role may ask only for its own categories (others are a 403, tested elsewhere); it may exclude any.
    fields[name] = list(name === 'category' ? [...allowed] : valuesOf(name));
    fields[exclusionOf(name)] = list(valuesOf(name));
  }
  const instant = fc.integer({ min: -1, max: 8 }).map((day) => new Date(T0 + day * 86_400_000 + 3_600_000).toISOString());
  fields.actorKind = rarely(fc.constantFrom('person', 'automation'));
  fields.from = rarely(instant);
  fields.to = rarely(instant);
  return fc.record(fields, { requiredKeys: [] }).map((f) => {
    const filter = f as Filter;
    if (filter.from && filter.to && filter.from > filter.to) [filter.from, filter.to] = [filter.to, filter.from];
    return filter;
  });
}

function actorMatches(row: AuditEvent, value: string): boolean {
  if (ID_PATTERN.test(value)) return row.actor.id === value;
  const lower = value.toLowerCase();
  const current = row.actor.id === null ? undefined : currentNames.get(row.actor.id);
  return row.actor.name.toLowerCase() === lower || current?.toLowerCase() === lower;
}

const COLUMN: Record<Exclude<ListFilter, 'actor'>, (row: AuditEvent) => string | null> = {
  category: (row) => row.category,
  conversation: (row) => row.conversationId,
  customer: (row) => row.customerId,
  section: (row) => row.section,
  event: (row) => row.event,
  property: (row) => row.property,
};

/** The reference: each filter's values OR-ed, filters AND-ed, an exclusion keeping rows without the column. */
function reference(rows: AuditEvent[], filter: Filter): AuditEvent[] {
  return rows.filter((row) => {
    for (const name of LIST_FILTERS) {
      const matches = (value: string) => (name === 'actor' ? actorMatches(row, value) : COLUMN[name](row) === value);
      const include = filter[name];
      const exclude = filter[exclusionOf(name)];
      if (include && !include.some(matches)) return false;
      if (exclude?.some(matches)) return false;
    }
    if (filter.actorKind === 'person' && row.actor.type !== 'user') return false;
    if (filter.actorKind === 'automation' && row.actor.type === 'user') return false;
    const at = Date.parse(row.occurredAt);
    if (filter.from && at < Date.parse(filter.from)) return false;
    if (filter.to && at >= Date.parse(filter.to)) return false;
    return true;
  });
}

function queryOf(filter: Filter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
  }
  return params.toString();
}

describe('the log’s filters against a reference filter', () => {
  it.each(['admin', 'lead'] as const)(
    'any combination selects, as %s, the rows the reference selects, over pages, and activity counts them',
    async (role) => {
      expect(logOf[role].length).toBeGreaterThan(50);
      await fc.assert(
        fc.asyncProperty(filterArbitrary(role), async (filter) => {
          const query = queryOf(filter);
          const expected = reference(logOf[role], filter).map((r) => r.id);
          const rows = await allPages(ws, role, `/api/v1/audit?limit=17&${query}`);
          expect(rows.map((r) => r.id), query).toEqual(expected);
          const activity = await bodyOf<{ items: Array<{ count: number }> }>(
            await ws.call('GET', `/api/v1/audit/activity?bucket=hour&${query}`, { token: ws.tokens[role] }),
            200,
          );
          expect(activity.items.reduce((n, i) => n + i.count, 0), query).toBe(expected.length);
        }),
        runs(40),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

