import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelModel } from '../lib/panel/panel-model';
import type { SessionState } from '../lib/messaging/protocol';
import { auditEvent, CONVERSATION_ID, CUSTOMER_ID, fakeDeps, fakeSend, signedInAs } from '../lib/panel/testing';
import { AuditPanel } from './AuditPanel';

const summary = { ok: true as const, value: { subject: { type: 'conversation' as const, id: CONVERSATION_ID }, label: 'Refund for order 1182', customerId: CUSTOMER_ID } };
const models: PanelModel[] = [];

const LEE = '01JD0000000000000000000P01';
const TIER2 = '01JD0000000000000000000T02';
const names = { [LEE]: { type: 'user' as const, name: 'Lee Lead' }, [TIER2]: { type: 'team' as const, name: 'Tier 2' } };

async function renderOpenPanel(events: ReturnType<typeof auditEvent>[], getSession?: () => Promise<SessionState>) {
  const send = fakeSend({
    ...(getSession ? { getSession } : {}),
    getSubject: () => summary,
    getHistory: () => ({ ok: true, value: { items: events, nextCursor: null } }),
    getNames: () => ({ ok: true, value: names }),
  });
  const deps = fakeDeps(send);
  const model = new PanelModel(deps);
  models.push(model);
  model.setDetected({ customerId: CUSTOMER_ID, conversationId: CONVERSATION_ID });
  model.toggle();
  render(<AuditPanel model={model} />);
  await screen.findByTestId('timeline');
  return { model, deps, send };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  models.splice(0).forEach((model) => model[Symbol.dispose]());
});

describe('AuditPanel', () => {
  it('groups the rows of one change and tells people from automations', async () => {
    const workflowChange = auditEvent({ actor: { type: 'workflow', id: 'k1', name: 'Auto-close' }, property: 'priority', before: 'normal', after: 'low' });
    const edit = { changeId: 'change-edit', actor: { type: 'user' as const, id: 'u1', name: 'Ana Ruiz' } };
    const statusRow = auditEvent({ ...edit, property: 'status', before: 'open', after: 'done' });
    const tagsRow = auditEvent({ ...edit, property: 'tags', before: ['vip'], after: ['vip', 'refund'] });
    await renderOpenPanel([tagsRow, statusRow, workflowChange]);

    const changes = screen.getAllByTestId('change');
    expect(changes).toHaveLength(2);
    expect(within(changes[0] as HTMLElement).getAllByTestId('event-row')).toHaveLength(2);

    const automation = within(changes[1] as HTMLElement).getByTestId('actor');
    expect(automation.getAttribute('data-actor-type')).toBe('workflow');
    expect(automation.textContent).toContain('Workflow');
    expect(within(changes[0] as HTMLElement).getAllByTestId('actor')[0]?.getAttribute('data-actor-type')).toBe('user');

    const tags = screen.getAllByTestId('event-row').find((row) => row.getAttribute('data-property') === 'tags') as HTMLElement;
    expect(within(tags).getByTestId('after').querySelector('.chip.added')?.textContent).toBe('refund');
    expect(within(tags).getByTestId('event-time').getAttribute('title')).toBe(tagsRow.occurredAt);
    expect(screen.getByTestId('panel-title').textContent).toBe('Refund for order 1182');
  });

  it('offers restore only for updates of a property', async () => {
    const update = auditEvent();
    const created = auditEvent({ event: 'create', property: null, before: null, after: { name: 'Refund' } });
    await renderOpenPanel([created, update]);

    const rows = screen.getAllByTestId('event-row');
    expect(within(rows[0] as HTMLElement).queryByTestId('restore-button')).toBeNull();
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId('restore-button'));
    expect(screen.getByTestId('restore-dialog')).toBeTruthy();

    fireEvent.keyDown(screen.getByTestId('restore-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('restore-dialog')).toBeNull();
    expect(screen.getByTestId('panel')).toBeTruthy();
  });

  it("offers restore once the signed-in role is known, even when it arrives after the rows, and only what that role may restore", async () => {
    let answer: (state: SessionState) => void = () => {};
    const session = new Promise<SessionState>((resolve) => (answer = resolve));
    const routing = auditEvent({ event: 'assigned', category: 'work_session', section: 'routing', property: 'assignedUsers', before: [], after: [LEE] });
    const update = auditEvent();
    await renderOpenPanel([routing, update], () => session);
    expect(screen.queryAllByTestId('restore-button')).toHaveLength(0);

    answer(signedInAs('agent'));

    await waitFor(() => expect(screen.queryAllByTestId('restore-button')).toHaveLength(1));
    const rows = screen.getAllByTestId('event-row');
    expect(within(rows[1] as HTMLElement).getByTestId('restore-button')).toBeTruthy();
  });

  it('opens the restore dialog as a modal and gives the focus back to the restore button when it closes', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    await renderOpenPanel([auditEvent()]);
    const restoreButton = screen.getByTestId('restore-button');
    restoreButton.focus();
    fireEvent.click(restoreButton);

    const dialog = screen.getByTestId('restore-dialog') as HTMLDialogElement;
    expect(showModal).toHaveBeenCalledOnce();
    expect(dialog.open).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('restore-confirm')));

    fireEvent.click(screen.getByTestId('restore-cancel'));
    expect(screen.queryByTestId('restore-dialog')).toBeNull();
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(restoreButton);
  });

  it("closes the restore dialog on the browser's Escape (cancel) and keeps the panel open", async () => {
    await renderOpenPanel([auditEvent()]);
    fireEvent.click(screen.getByTestId('restore-button'));
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(screen.getByTestId('restore-dialog'), cancel);

    expect(cancel.defaultPrevented).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('restore-dialog')).toBeNull());
    expect(screen.getByTestId('panel')).toBeTruthy();
  });

  it('highlights a live arrival and marks words changed in long text', async () => {
    const { deps } = await renderOpenPanel([auditEvent()]);
    const note = auditEvent({
      property: 'note',
      before: 'The customer asked for a refund of order 1182 yesterday.',
      after: 'The customer asked for a replacement of order 1182 today.',
    });
    deps.ports[0]?.deliver({ type: 'event', event: note });

    const row = await waitFor(() => {
      const found = screen.getAllByTestId('event-row').find((r) => r.getAttribute('data-event-id') === note.id);
      if (!found) throw new Error('not yet');
      return found;
    });
    expect(row.getAttribute('data-new')).toBe('true');
    expect(within(row).getByTestId('before').querySelector('del')?.textContent).toBe('refund');
    expect(within(row).getByTestId('after').querySelector('ins')?.textContent).toBe('replacement');
  });

  it('switches to signed out when the session ends, and shows the history again once the agent signs back in', async () => {
    const { deps, send } = await renderOpenPanel([auditEvent()]);
    const port = deps.ports[0];
    port?.deliver({ type: 'status', status: 'live' });
    const requestsBefore = send.calls.filter((call) => call.type === 'getHistory').length;

    port?.deliver({ type: 'status', status: 'signed_out' });
    await screen.findByTestId('panel-signed-out');
    expect(screen.queryByTestId('timeline')).toBeNull();
    expect(screen.getByTestId('live-status').getAttribute('data-status')).toBe('signed_out');

    // Signing in from the popup restarts the background's stream with the new session.
    port?.deliver({ type: 'status', status: 'connecting' });
    port?.deliver({ type: 'status', status: 'live' });
    await screen.findByTestId('timeline');
    expect(screen.queryByTestId('panel-signed-out')).toBeNull();
    expect(send.calls.filter((call) => call.type === 'getHistory')).toHaveLength(requestsBefore + 1);
  });

  it('closes on Escape and gives the focus back to the toggle', async () => {
    await renderOpenPanel([auditEvent()]);
    fireEvent.keyDown(screen.getByTestId('panel'), { key: 'Escape' });
    expect(screen.queryByTestId('panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('panel-toggle'));
  });

  it('shows the names of the users and teams a value points at, with the id in the tooltip, and copies the raw value', async () => {
    const assignment = auditEvent({ property: 'assignedUsers', before: [], after: [LEE] });
    const team = auditEvent({ property: 'queueTeam', before: null, after: TIER2 });
    const { deps } = await renderOpenPanel([assignment, team]);

    const rows = screen.getAllByTestId('event-row');
    const assigned = within(rows[0] as HTMLElement).getByTestId('after');
    await waitFor(() => expect(assigned.textContent).toBe('Lee Lead'));
    expect(assigned.querySelector('.ref')?.getAttribute('title')).toBe(LEE);
    const teamValue = within(rows[1] as HTMLElement).getByTestId('after');
    expect(teamValue.textContent).toBe('Tier 2');
    expect(teamValue.querySelector('.ref')?.getAttribute('title')).toBe(TIER2);

    fireEvent.click(within(rows[0] as HTMLElement).getByTestId('copy-after'));
    await waitFor(() => expect(deps.clipboard).toEqual([JSON.stringify([LEE], null, 2)]));
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId('copy-after'));
    await waitFor(() => expect(deps.clipboard.at(-1)).toBe(TIER2));
  });

  it('shows an object key by key, each key in words, with the ids it holds named', async () => {
    const created = auditEvent({
      event: 'create',
      section: 'message',
      property: null,
      before: null,
      after: {
        body: 'We have not heard back in a while.',
        messageId: '01JD0000000000000000000M01',
        assignedUsers: [LEE],
        shortcut: { id: '01JD0000000000000000000S01', name: 'Close: no response' },
        custom: {},
      },
    });
    await renderOpenPanel([created]);

    const after = screen.getByTestId('after');
    const keys = [...after.querySelectorAll('dt')];
    expect(keys.map((key) => key.textContent)).toEqual(['Body', 'Message id', 'Assigned users', 'Shortcut', 'Custom']);
    expect(keys.map((key) => key.getAttribute('title'))).toEqual(['body', 'messageId', 'assignedUsers', 'shortcut', 'custom']);
    const values = () => [...after.querySelectorAll('dd')].map((value) => value.textContent);
    await waitFor(() => expect(values()).toEqual(['We have not heard back in a while.', '01JD0000000000000000000M01', 'Lee Lead', 'Close: no response', '—']));
    expect([...after.querySelectorAll('dd .ref')].map((ref) => ref.getAttribute('title'))).toEqual([LEE, '01JD0000000000000000000S01']);
  });

  it('labels a custom attribute by its own name, marked as custom, and keeps the raw property for tools', async () => {
    await renderOpenPanel([auditEvent({ property: 'custom.messageCount', before: 8, after: 11 })]);
    const property = screen.getByTestId('property');
    expect(property.textContent).toBe('Message count (custom)');
    expect(property.getAttribute('title')).toBe('custom.messageCount');
    expect(screen.getByTestId('event-row').getAttribute('data-property')).toBe('custom.messageCount');
    expect(within(screen.getByTestId('filter-property')).getByText('Message count (custom)')).toBeTruthy();
  });

  it('shows the id itself while its name is unknown', async () => {
    const stranger = '01JD0000000000000000000X99';
    await renderOpenPanel([auditEvent({ property: 'acceptedBy', before: null, after: stranger })]);
    await waitFor(() => expect(screen.getByTestId('after').textContent).toBe(stranger));
  });

  it('hides the floating toggle while the panel is open: the header’s × is the toggle then', async () => {
    await renderOpenPanel([auditEvent()]);
    const toggles = screen.getAllByTestId('panel-toggle');
    expect(toggles).toHaveLength(1);
    expect(screen.getByTestId('panel').contains(toggles[0] as HTMLElement)).toBe(true);
    expect(toggles[0]?.getAttribute('aria-expanded')).toBe('true');

    fireEvent.click(toggles[0] as HTMLElement);
    expect(screen.queryByTestId('panel')).toBeNull();
    expect(screen.getByTestId('panel-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(screen.getByTestId('panel-toggle'));
  });
});
