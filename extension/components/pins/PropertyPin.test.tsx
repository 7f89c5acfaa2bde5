import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Watch } from '../../../shared/api-client-responses';
import { PanelModel } from '../../lib/panel/panel-model';
import { auditEvent, CONVERSATION_ID, fakeDeps, fakeSend } from '../../lib/panel/testing';
import type { WatchCreateRequest } from '../../lib/watches/watch-request';
import { AuditPanel } from '../AuditPanel';
import { subjectWatch } from '../../lib/testing/watches';

const summary = { ok: true as const, value: { subject: { type: 'conversation' as const, id: CONVERSATION_ID }, label: 'Refund for order 1182', customerId: null } };
const models: PanelModel[] = [];

function watchOf(data: WatchCreateRequest): Watch {
  return subjectWatch(data.subject!, 'Refund for order 1182');
}

async function renderPanel(events: ReturnType<typeof auditEvent>[], existing: Watch[] = []) {
  const send = fakeSend({
    listWatches: () => ({ ok: true, value: existing }),
    deleteWatch: () => ({ ok: true, value: null }),
    getSubject: () => summary,
    getHistory: () => ({ ok: true, value: { items: events, nextCursor: null } }),
    getNames: () => ({ ok: true, value: {} }),
    createWatch: (data) => ({ ok: true, value: watchOf(data) }),
  });
  const deps = fakeDeps(send);
  const model = new PanelModel(deps);
  models.push(model);
  model.setDetected({ customerId: null, conversationId: CONVERSATION_ID });
  model.toggle();
  render(<AuditPanel model={model} />);
  await screen.findByTestId('timeline');
  return { send, deps };
}

afterEach(() => {
  cleanup();
  models.splice(0).forEach((model) => model[Symbol.dispose]());
});

describe('pinning in the panel', () => {
  it('watches the conversation and says so, asking for the notification permission on the click', async () => {
    const { send, deps } = await renderPanel([auditEvent()]);
    fireEvent.click(await screen.findByTestId('watch-subject'));
    expect(deps.notificationAsks).toBe(1);
    await screen.findByTestId('subject-watched');
    expect(screen.getByTestId('subject-watched').textContent).toContain('Watching this conversation');
    expect(send.calls.filter((call) => call.type === 'createWatch').map((call) => call.data)).toEqual([{ subject: { type: 'conversation', id: CONVERSATION_ID } }]);
  });

  it('notifies of one property changing to the row’s value, from that row', async () => {
    const { send } = await renderPanel([auditEvent({ property: 'status', before: 'open', after: 'done' })]);
    const row = screen.getByTestId('event-row');
    fireEvent.click(await within(row).findByTestId('watch-property'));
    expect(within(row).getByTestId('property-pin-form').textContent).toContain('only when it changes to “done”');
    fireEvent.click(within(row).getByTestId('watch-only-value'));
    fireEvent.click(within(row).getByTestId('watch-property-confirm'));
    await waitFor(() => expect(within(row).getByTestId('property-watched').textContent).toContain('Watching Status'));
    expect(send.calls.filter((call) => call.type === 'createWatch').map((call) => call.data)).toEqual([
      { subject: { type: 'conversation', id: CONVERSATION_ID, property: 'status', value: 'done' } },
    ]);
  });

  it('opens on a conversation watched already saying so, and stops watching it', async () => {
    const { send } = await renderPanel([auditEvent()], [watchOf({ subject: { type: 'conversation', id: CONVERSATION_ID } })]);
    await screen.findByTestId('subject-watched');
    fireEvent.click(screen.getByTestId('unwatch-subject'));
    await screen.findByTestId('watch-subject');
    expect(send.calls.filter((call) => call.type === 'deleteWatch').map((call) => call.data)).toEqual([{ id: '01JD00000000000000000000W1' }]);
  });

  it('closes a row’s form with Escape, leaving the panel open', async () => {
    await renderPanel([auditEvent({ property: 'status' })]);
    fireEvent.click(await screen.findByTestId('watch-property'));
    fireEvent.keyDown(screen.getByTestId('watch-only-value'), { key: 'Escape' });
    expect(screen.queryByTestId('property-pin-form')).toBeNull();
    expect(screen.getByTestId('panel')).toBeTruthy();
  });
});
