import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamDestination } from '../../../shared/api-client';
import { InboundWebhooksModel } from '../../lib/admin/inbound-webhooks-model';
import { StreamsModel } from '../../lib/admin/streams-model';
import { fakeAdminDeps, inboundWebhook, streamDestination, streamHealth } from '../../lib/admin/testing';
import { HelpdeskWebhooks } from './HelpdeskWebhooks';
import { LogStreaming } from './LogStreaming';

afterEach(cleanup);

async function streams(list: StreamDestination[], overrides: Parameters<typeof fakeAdminDeps>[0] = {}) {
  const model = new StreamsModel(fakeAdminDeps({ listStreamDestinations: async () => ({ ok: true, value: list }), ...overrides }));
  await model.load();
  render(<LogStreaming model={model} />);
  return model;
}

describe('the Log streaming section', () => {
  it('shows each destination with its target, its filter and its health in words', async () => {
    await streams([
      streamDestination({ filter: { category: 'settings' }, health: streamHealth({ deliveredCount: 12_340, lastSuccessAt: '2026-12-03T11:58:00.000Z' }) }),
    ]);
    expect(screen.getByTestId('stream-target').textContent).toBe('https://siem.example.com/hooks/auditdesk');
    expect(screen.getByTestId('stream-filter').textContent).toBe('Settings');
    expect(screen.getByTestId('stream-health').textContent).toBe('Caught up · 12,340 delivered · last success 2 min ago');
    expect(screen.getByTestId('settings-streams').getAttribute('aria-busy')).toBe('false');
  });

  it('offers Resume on a destination paused after failing, says why, and resumes it', async () => {
    const paused = streamDestination({
      status: 'paused',
      pausedReason: 'Paused after failing for 3 days: connection refused',
      health: streamHealth({ state: 'paused', lagEvents: 0, failingSince: '2026-11-30T12:00:00.000Z' }),
    });
    await streams([paused], { resumeStreamDestination: async () => ({ ok: true, value: streamDestination() }) });
    expect(screen.getByTestId('stream-health').textContent).toBe('Paused after failing for 3 days: connection refused');
    expect(screen.queryByRole('button', { name: 'Pause SIEM' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Resume SIEM' }));

    expect((await screen.findByRole('button', { name: 'Pause SIEM' })).textContent).toBe('Pause');
  });

  it('offers no secret rotation for a file destination, and names the file being written', async () => {
    await streams([
      streamDestination({ kind: 'jsonl_file', url: null, directory: 'siem', rotateBytes: 1_048_576, rotateMinutes: 60, health: streamHealth({ currentFile: 'auditdesk-2026-12-03T11-00-00Z.jsonl' }) }),
    ]);
    expect(screen.queryByTestId('stream-rotate')).toBeNull();
    expect(screen.getByTestId('stream-file').textContent).toBe('Writing auditdesk-2026-12-03T11-00-00Z.jsonl');
    expect(screen.getByTestId('stream-target').textContent).toBe('folder siem, a new file at 1 MB or every 1 hour');
  });

  it('says when there is no destination yet, and opens the form on Add a destination', async () => {
    await streams([]);
    expect(screen.getByTestId('streams-empty').textContent).toBe('No destination yet: the log is not sent anywhere.');
    fireEvent.click(screen.getByRole('button', { name: 'Add a destination' }));
    expect(screen.getByRole('form', { name: 'New stream destination' })).toBeTruthy();
    fireEvent.change(screen.getByTestId('stream-kind'), { target: { value: 'jsonl_file' } });
    expect(screen.getByTestId('stream-directory')).toBeTruthy();
    expect(screen.queryByTestId('stream-url')).toBeNull();
  });
});

describe('the stream destination form', () => {
  it('sends the event types ticked, the events and sections picked and who performed them as the filter', async () => {
    const sent: unknown[] = [];
    const model = await streams([], {
      createStreamDestination: async (input) => {
        sent.push(input);
        return { ok: true, value: { ...streamDestination(), secret: 'whsec_1' } };
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a destination' }));
    fireEvent.input(screen.getByTestId('stream-name'), { target: { value: 'SIEM' } });
    fireEvent.input(screen.getByTestId('stream-url'), { target: { value: 'https://siem.example.com/in' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Settings' }));
    const events = screen.getByTestId('stream-events') as HTMLSelectElement;
    for (const option of events.options) option.selected = option.value === 'update' || option.value === 'delete';
    fireEvent.change(events);
    const sections = screen.getByTestId('stream-sections') as HTMLSelectElement;
    for (const option of sections.options) option.selected = option.value === 'access';
    fireEvent.change(sections);
    fireEvent.change(screen.getByTestId('stream-actor-kind'), { target: { value: 'person' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));

    expect(await screen.findByTestId('stream-secret')).toBeTruthy();
    expect(sent).toEqual([
      {
        kind: 'webhook',
        name: 'SIEM',
        url: 'https://siem.example.com/in',
        filter: { category: ['settings'], event: ['update', 'delete'], section: ['access'], actorKind: 'person' },
        pauseAfterMinutes: 4_320,
        startAt: 'now',
      },
    ]);
    expect(model.mode.value).toEqual({ kind: 'closed' });
  });
});

describe('the Helpdesk webhooks section', () => {
  it('shows the address to give the helpdesk, what it last received and what was last refused and why', async () => {
    const model = new InboundWebhooksModel(
      fakeAdminDeps({
        listInboundWebhooks: async () => ({
          ok: true,
          value: [inboundWebhook({ lastReceivedAt: '2026-12-03T11:58:00.000Z', lastRefusedAt: '2026-12-03T11:00:00.000Z', lastRefusal: 'signature mismatch' })],
        }),
      }),
    );
    await model.load();
    render(<HelpdeskWebhooks model={model} />);

    expect(screen.getByTestId('hook-url').textContent).toBe('http://127.0.0.1:8787/api/v1/hooks/helpdesk/01JD00000000000000000000W1');
    expect(screen.getByTestId('hook-received').textContent).toBe('Last received 2 min ago');
    expect(screen.getByTestId('hook-refused').textContent).toBe('Last refused 1 h ago: signature mismatch');
  });
});
