import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportModel } from '../../lib/export/export-model';
import { streamExport } from '../../lib/export/stream-export';
import { ExportControls } from './ExportControls';

function modelAnswering(response: () => Response) {
  const urls: string[] = [];
  const saved: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return response();
  }) as typeof globalThis.fetch;
  const model = new ExportModel({
    stream: (request, signal, onRows) => streamExport(fetch, request, signal, onRows),
    session: async () => ({ token: 'tok', backendUrl: 'http://127.0.0.1:8787' }),
    workspaceName: async () => 'Demo Support',
    now: () => new Date('2026-12-03T01:21:05Z'),
    save: (_blob, name) => void saved.push(name),
  });
  return { model, urls, saved };
}

afterEach(cleanup);

describe('the export control', () => {
  it('exports the given filter in the chosen format and says what it saved', async () => {
    const { model, urls, saved } = modelAnswering(() => new Response('{"id":"1"}\n{"id":"2"}\n'));
    render(<ExportControls model={model} params="section=business_rule" />);

    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'jsonl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));

    expect(await screen.findByText(/^Saved 2 rows as /)).toBeTruthy();
    expect(urls).toEqual(['http://127.0.0.1:8787/api/v1/audit/export?format=jsonl&section=business_rule']);
    expect(saved).toEqual(['auditdesk_demo-support_section-business-rule_2026-12-03T01-21-05Z.jsonl']);
  });

  it('shows a refusal as an alert', async () => {
    const { model } = modelAnswering(() => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Only admins export.' } }), { status: 403 }));
    render(<ExportControls model={model} params="" />);

    fireEvent.click(screen.getByRole('button', { name: 'Export' }));

    expect((await screen.findByRole('alert')).textContent).toBe('The export was refused: Only admins export.');
  });

  it('offers Cancel while the export runs, and says nothing was saved after it', async () => {
    const { model, saved } = modelAnswering(() => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('\uFEFFa,b\r\n1,2\r\n')) })));
    render(<ExportControls model={model} params="" />);

    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect((await screen.findByText(/Exporting… 1 row written/)).tagName).toBe('OUTPUT');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel export' }));

    expect(await screen.findByText('Export cancelled; nothing was saved.')).toBeTruthy();
    expect(saved).toEqual([]);
  });
});
