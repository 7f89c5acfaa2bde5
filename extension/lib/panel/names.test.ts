import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../../shared/audit-event';
import type { Result } from '../messaging/protocol';
import { describeValue, referencedIds } from './names';
import { PanelModel } from './panel-model';
import { auditEvent, CONVERSATION_ID, CUSTOMER_ID, fakeDeps, fakeSend } from './testing';

const LEE = '01JD0000000000000000000P01';
const ANA = '01JD0000000000000000000P02';
const TIER2 = '01JD0000000000000000000T02';
const KNOWN = {
  [LEE]: { type: 'user', name: 'Lee Lead' },
  [ANA]: { type: 'user', name: 'Ana Agent' },
  [TIER2]: { type: 'team', name: 'Tier 2' },
} as const;

const summary = { ok: true as const, value: { subject: { type: 'conversation' as const, id: CONVERSATION_ID }, label: 'Refund', customerId: CUSTOMER_ID } };
const page = (items = [auditEvent()], nextCursor: string | null = null): Result<AuditPage> => ({ ok: true, value: { items, nextCursor } });

const models: PanelModel[] = [];
afterEach(() => models.splice(0).forEach((model) => model[Symbol.dispose]()));

/** The backend names what it knows of the ids asked about. */
function namesOf(ids: string[]) {
  return { ok: true as const, value: Object.fromEntries(ids.filter((id) => id in KNOWN).map((id) => [id, KNOWN[id as keyof typeof KNOWN]])) };
}

function openWith(send: ReturnType<typeof fakeSend>) {
  const deps = fakeDeps(send);
  const model = new PanelModel(deps);
  models.push(model);
  model.setDetected({ customerId: null, conversationId: CONVERSATION_ID });
  model.toggle();
  return { model, deps };
}

const nameRequests = (send: ReturnType<typeof fakeSend>) => send.calls.filter((call) => call.type === 'getNames').map((call) => call.data);

describe('referencedIds', () => {
  it('finds ids held as a whole value or as items of a list, each once, and nothing in plain text', () => {
    const events = [
      auditEvent({ property: 'assignedUsers', before: [LEE], after: [LEE, ANA] }),
      auditEvent({ property: 'queueId', before: null, after: TIER2 }),
      auditEvent({ property: 'status', before: 'open', after: 'done' }),
      auditEvent({ property: 'name', before: `About ${LEE}`, after: 'About a lead' }),
    ];
    expect(referencedIds(events)).toEqual([LEE, ANA, TIER2]);
  });

  it('finds the ids an object value holds as a key’s value or in a key’s list, but not deeper', () => {
    const created = auditEvent({
      event: 'create',
      property: null,
      before: null,
      after: { name: 'Refund', customerId: LEE, assignedTeams: [TIER2], shortcut: { id: ANA, name: 'Close' } },
    });
    expect(referencedIds([created])).toEqual([LEE, TIER2]);
  });
});

describe('describeValue', () => {
  it('names the ids of a value for the restore dialog and leaves unknown ids and text alone', () => {
    expect(describeValue([LEE, '01JD0000000000000000000X99'], KNOWN)).toBe('["Lee Lead","01JD0000000000000000000X99"]');
    expect(describeValue(TIER2, KNOWN)).toBe('Tier 2');
    expect(describeValue('open', KNOWN)).toBe('open');
  });

  it('names the ids of an object’s keys and lists for the restore dialog', () => {
    expect(describeValue({ owner: LEE, teams: [TIER2], note: 'vip' }, KNOWN)).toBe('{"owner":"Lee Lead","teams":["Tier 2"],"note":"vip"}');
  });
});

describe('the panel model’s names', () => {
  it('asks for the names of a page’s ids in one request and keeps the answers', async () => {
    const events = [
      auditEvent({ property: 'assignedUsers', before: [], after: [LEE, ANA] }),
      auditEvent({ property: 'assignedTeams', before: [], after: [TIER2] }),
      auditEvent({ property: 'acceptedBy', before: null, after: LEE }),
    ];
    const send = fakeSend({ getSubject: () => summary, getHistory: () => page(events), getNames: namesOf });
    const { model } = openWith(send);

    await vi.waitFor(() => expect(model.names.byId.value[TIER2]).toEqual({ type: 'team', name: 'Tier 2' }));
    expect(nameRequests(send)).toEqual([[LEE, ANA, TIER2]]);
  });

  it('asks again only for the new ids a live event or an older page brings', async () => {
    const first = auditEvent({ property: 'assignedUsers', before: [], after: [LEE] });
    const older = auditEvent({ occurredAt: '2020-01-01T00:00:00.000Z', property: 'assignedUsers', before: [ANA], after: [] });
    const send = fakeSend({
      getSubject: () => summary,
      getHistory: (data) => (data.cursor ? page([older]) : page([first], 'next')),
      getNames: namesOf,
    });
    const { model, deps } = openWith(send);
    await vi.waitFor(() => expect(model.names.byId.value[LEE]).toBeDefined());

    deps.ports[0]?.deliver({ type: 'event', event: auditEvent({ property: 'assignedUsers', before: [LEE], after: [LEE, TIER2] }) });
    deps.ports[0]?.deliver({ type: 'event', event: auditEvent({ property: 'status', before: 'open', after: 'done' }) });
    await vi.waitFor(() => expect(model.names.byId.value[TIER2]).toBeDefined());
    await model.history.loadMore();
    await vi.waitFor(() => expect(model.names.byId.value[ANA]).toBeDefined());

    expect(nameRequests(send)).toEqual([[LEE], [TIER2], [ANA]]);
  });

  it('does not ask again about ids the backend did not name, and asks again after a failure', async () => {
    const stranger = '01JD0000000000000000000X99';
    let offline = true;
    const send = fakeSend({
      getSubject: () => summary,
      getHistory: () => page([auditEvent({ property: 'assignedUsers', before: [], after: [stranger, LEE] })]),
      getNames: (ids) => (offline ? { ok: false, error: { code: 'offline', message: 'Offline' } } : namesOf(ids)),
    });
    const { model } = openWith(send);
    await vi.waitFor(() => expect(nameRequests(send)).toHaveLength(1));

    offline = false;
    model.retry();
    await vi.waitFor(() => expect(model.names.byId.value[LEE]).toBeDefined());
    model.retry();
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));

    expect(nameRequests(send)).toEqual([[stranger, LEE], [stranger, LEE]]);
    expect(model.names.byId.value[stranger]).toBeUndefined();
  });

  it('splits more than 100 new ids into requests of 100', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `01JD${String(i).padStart(22, '0')}`);
    const send = fakeSend({ getSubject: () => summary, getHistory: () => page([auditEvent({ property: 'sharedUsers', before: [], after: ids })]), getNames: namesOf });
    openWith(send);

    await vi.waitFor(() => expect(nameRequests(send)).toHaveLength(2));
    expect(nameRequests(send).map((batch) => (batch as string[]).length)).toEqual([100, 50]);
  });
});
