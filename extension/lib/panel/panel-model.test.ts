import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../../shared/audit-event';
import type { Result } from '../messaging/protocol';
import { PanelModel } from './panel-model';
import { auditEvent, CONVERSATION_ID, CUSTOMER_ID, fakeDeps, fakeSend, signedInAs } from './testing';

const page = (items = [auditEvent()], nextCursor: string | null = null): Result<AuditPage> => ({ ok: true, value: { items, nextCursor } });
const summary = { ok: true as const, value: { subject: { type: 'conversation' as const, id: CONVERSATION_ID }, label: 'Refund for order 1182', customerId: CUSTOMER_ID } };

const models: PanelModel[] = [];
function openOnConversation(send: ReturnType<typeof fakeSend>) {
  const deps = fakeDeps(send);
  const model = new PanelModel(deps);
  models.push(model);
  model.setDetected({ customerId: null, conversationId: CONVERSATION_ID });
  model.toggle();
  return { model, deps };
}

afterEach(() => {
  models.splice(0).forEach((model) => model[Symbol.dispose]());
  vi.useRealTimers();
});

describe('PanelModel', () => {
  it('shows loading, then the first page of the conversation', async () => {
    const older = auditEvent();
    const events = [auditEvent(), older];
    const send = fakeSend({ getSubject: () => summary, getHistory: () => page(events) });
    const { model } = openOnConversation(send);

    expect(model.history.status.value).toBe('loading');
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    expect(model.history.items.value).toEqual(events);
    expect(model.title.value).toBe('Refund for order 1182');
  });

  it('says the history is empty when nothing was recorded', async () => {
    const { model } = openOnConversation(fakeSend({ getSubject: () => summary, getHistory: () => page([]) }));
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    expect(model.history.items.value).toEqual([]);
  });

  it('shows an error, and the history once the agent retries', async () => {
    let fail = true;
    const send = fakeSend({
      getSubject: () => summary,
      getHistory: () => (fail ? { ok: false, error: { code: 'internal', message: 'Database is busy' } } : page()),
    });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.history.status.value).toBe('error'));
    expect(model.history.error.value).toBe('Database is busy');

    fail = false;
    model.retry();
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    expect(model.history.items.value).toHaveLength(1);
  });

  it('asks the agent to sign in when the background has no session', async () => {
    const signedOut = { ok: false as const, error: { code: 'unauthenticated', message: 'Sign in' } };
    const { model } = openOnConversation(fakeSend({ getSubject: () => signedOut, getHistory: () => signedOut }));
    await vi.waitFor(() => expect(model.history.status.value).toBe('signed_out'));
  });

  it('says the server is unreachable when the background is offline', async () => {
    const offline = { ok: false as const, error: { code: 'offline', message: 'unreachable' } };
    const { model } = openOnConversation(fakeSend({ getSubject: () => offline, getHistory: () => offline }));
    await vi.waitFor(() => expect(model.history.status.value).toBe('offline'));
  });

  it('prepends a live event once, highlighted, even when a page already holds it', async () => {
    const older = auditEvent();
    const { model, deps } = openOnConversation(fakeSend({ getSubject: () => summary, getHistory: () => page([older]) }));
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    const port = deps.ports[0];
    expect(port?.sent[0]).toEqual({ type: 'subscribe', subject: { type: 'conversation', id: CONVERSATION_ID } });

    const arrived = auditEvent({ property: 'priority', before: 'normal', after: 'urgent' });
    port?.deliver({ type: 'event', event: arrived });
    port?.deliver({ type: 'event', event: arrived });
    port?.deliver({ type: 'event', event: older });

    expect(model.history.items.value.map((event) => event.id)).toEqual([arrived.id, older.id]);
    expect(model.history.newIds.value.has(arrived.id)).toBe(true);
    expect(model.history.newIds.value.has(older.id)).toBe(false);
    expect(model.announcement.value).toBe('1 new change');
  });

  it('leaves out live events the active filters exclude', async () => {
    const { model, deps } = openOnConversation(fakeSend({ getSubject: () => summary, getHistory: () => page([]) }));
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    model.history.setFilter('actorKind', 'person');
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));

    const byWorkflow = auditEvent({ actor: { type: 'workflow', id: 'k1', name: 'Auto-close' } });
    deps.ports.at(-1)?.deliver({ type: 'event', event: byWorkflow });
    expect(model.history.items.value).toEqual([]);
  });

  it('starts again from the first page (no cursor) when a filter changes', async () => {
    const send = fakeSend({ getSubject: () => summary, getHistory: () => page([auditEvent()], 'cursor-2') });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    await model.history.loadMore();
    model.history.setFilter('event', 'update');
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));

    const cursors = send.calls.filter((call) => call.type === 'getHistory').map((call) => call.data);
    expect(cursors).toMatchObject([
      { cursor: null, filters: {} },
      { cursor: 'cursor-2', filters: {} },
      { cursor: null, filters: { event: 'update' } },
    ]);
  });

  it('offers the Customer tab once the conversation names its customer', async () => {
    const send = fakeSend({
      getSubject: (subject) =>
        subject.type === 'conversation' ? summary : { ok: true, value: { subject, label: 'Dana Smith', customerId: null } },
      getHistory: () => page(),
    });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.tabs.value.map((tab) => tab.tab)).toEqual(['conversation', 'customer']));

    model.selectTab('customer');
    expect(model.subject.value).toEqual({ type: 'customer', id: CUSTOMER_ID });
    await vi.waitFor(() => expect(model.title.value).toBe('Dana Smith'));
  });

  it("does not offer an agent to restore the conversation's routing events, which the backend would refuse them", async () => {
    const routing = auditEvent({ event: 'assigned', category: 'work_session', section: 'routing', property: 'assignedUsers', before: [], after: ['u2'] });
    const statusChange = auditEvent();
    const send = fakeSend({ getSubject: () => summary, getHistory: () => page([routing, statusChange]) });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.mayRestore.value(statusChange)).toBe(true));

    expect(model.mayRestore.value(routing)).toBe(false);
    model.restore.ask(routing);
    expect(model.restore.state.value).toBeNull();
  });

  it("offers a lead to restore the conversation's routing events", async () => {
    const routing = auditEvent({ event: 'assigned', category: 'work_session', section: 'routing', property: 'assignedUsers', before: [], after: ['u2'] });
    const send = fakeSend({ getSession: () => signedInAs('lead'), getSubject: () => summary, getHistory: () => page([routing]) });
    const { model } = openOnConversation(send);

    await vi.waitFor(() => expect(model.mayRestore.value(routing)).toBe(true));
  });

  it('shows the restored value after a 409 when the agent forces it', async () => {
    const changed = auditEvent({ property: 'status', before: 'open', after: 'snoozed' });
    const restored = auditEvent({ property: 'status', before: 'done', after: 'open' });
    const send = fakeSend({
      getSubject: () => summary,
      getHistory: () => page([changed]),
      restoreEvent: ({ force }) =>
        force
          ? { ok: true, value: { event: restored, events: [restored] } }
          : { ok: false, error: { code: 'conflict', message: 'changed since', details: { current: 'done', before: 'open', after: 'snoozed' } } },
    });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));

    model.restore.ask(changed);
    await model.restore.confirm();
    expect(model.restore.state.value?.conflict?.current).toBe('done');

    await model.restore.force();
    expect(model.restore.state.value).toBeNull();
    expect(model.history.items.value[0]?.id).toBe(restored.id);
    expect(model.history.newIds.value.has(restored.id)).toBe(true);
  });

  it('keeps the current value when the agent chooses to after a conflict', async () => {
    const changed = auditEvent();
    const send = fakeSend({
      getSubject: () => summary,
      getHistory: () => page([changed]),
      restoreEvent: () => ({ ok: false, error: { code: 'conflict', message: 'changed', details: { current: 'snoozed', before: 'open', after: 'done' } } }),
    });
    const { model } = openOnConversation(send);
    await vi.waitFor(() => expect(model.history.status.value).toBe('ready'));
    model.restore.ask(changed);
    await model.restore.confirm();

    model.restore.cancel();
    expect(model.restore.state.value).toBeNull();
    expect(send.calls.filter((call) => call.type === 'restoreEvent')).toHaveLength(1);
  });

  it('pings the background while open and closes the port when the panel closes', async () => {
    vi.useFakeTimers();
    const { model, deps } = openOnConversation(fakeSend({ getSubject: () => summary, getHistory: () => page() }));
    const port = deps.ports[0];
    vi.advanceTimersByTime(20_000);
    expect(port?.sent).toContainEqual({ type: 'ping' });

    model.close();
    expect(port?.disconnected).toBe(true);
  });

  it('copies JSON for values that are not text', async () => {
    const tags = auditEvent({ property: 'tags', before: ['vip'], after: ['vip', 'refund'] });
    const { model, deps } = openOnConversation(fakeSend({ getSubject: () => summary, getHistory: () => page([tags]) }));
    await model.copy(tags, 'after');
    expect(deps.clipboard).toEqual([JSON.stringify(['vip', 'refund'], null, 2)]);
    expect(model.copied.value).toBe(`${tags.id}:after`);
  });
});
