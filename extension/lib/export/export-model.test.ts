import { describe, expect, it } from 'vitest';
import { type ExportDeps, ExportModel } from './export-model';
import { streamExport } from './stream-export';

const utf8 = new TextEncoder();
const SESSION = { token: 'tok', backendUrl: 'http://127.0.0.1:8787' };
const HEADER = '\uFEFFPerformed By,Date,Before,After\r\n';

interface Saved {
  name: string;
  text: string;
  type: string;
}

/** A response whose body is sent chunk by chunk, each when the test says (`next()`), or failing on `fail()`. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/csv' } }),
    send: (text: string) => controller.enqueue(utf8.encode(text)),
    end: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
  };
}

function setup(answer: (url: string, init: RequestInit) => Promise<Response> | Response, overrides: Partial<ExportDeps> = {}) {
  const saved: Saved[] = [];
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const pending: Promise<void>[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    requests.push({ url: String(input), init });
    return answer(String(input), init);
  }) as typeof globalThis.fetch;
  const model = new ExportModel({
    stream: (request, signal, onRows) => streamExport(fetch, request, signal, onRows),
    session: async () => SESSION,
    workspaceName: async () => 'Demo Support',
    now: () => new Date('2026-12-03T01:21:05Z'),
    save: (blob, name) => pending.push(blob.text().then((text) => void saved.push({ name, text, type: blob.type }))),
    ...overrides,
  });
  return { model, saved, requests, settled: () => Promise.all(pending) };
}

/** Lets the model read what the stream has queued. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('exporting the filtered log', () => {
  it('streams the filter from the backend with the session token and saves the whole file under a name saying workspace, filter and time', async () => {
    const body = controlledBody();
    const { model, saved, requests, settled } = setup(() => body.response);

    const done = model.start('category=settings&notEvent=login&limit=50&cursor=abc');
    await flush();
    body.send(HEADER + 'Ada,2026-12-01,"a\r\nb",x\r\n');
    body.send('Ada,2026-12-01,"=1+1",y\r');
    body.end();
    await done;
    await settled();

    expect(requests[0]?.url).toBe('http://127.0.0.1:8787/api/v1/audit/export?format=csv&category=settings&notEvent=login');
    expect(new Headers(requests[0]?.init.headers).get('authorization')).toBe('Bearer tok');
    expect(model.status.value).toBe('done');
    expect(model.rows.value).toBe(2);
    expect(saved).toEqual([
      {
        name: 'auditdesk_demo-support_category-settings_not-event-login_2026-12-03T01-21-05Z.csv',
        text: `${HEADER}Ada,2026-12-01,"a\r\nb",x\r\nAda,2026-12-01,"=1+1",y\r`,
        type: 'text/csv;charset=utf-8',
      },
    ]);
    expect(model.fileName.value).toBe(saved[0]?.name);
  });

  it('shows the rows written so far while the export runs', async () => {
    const body = controlledBody();
    const { model } = setup(() => body.response);
    model.format.value = 'jsonl';

    const done = model.start('');
    await flush();
    body.send('{"id":"1"}\n{"id":"2"}\n{"id"');
    await flush();
    expect(model.status.value).toBe('running');
    expect(model.rows.value).toBe(2);
    body.send(':"3"}\n');
    body.end();
    await done;
    expect(model.rows.value).toBe(3);
  });

  it('stops the download on cancel and saves nothing', async () => {
    const body = controlledBody();
    const { model, saved, requests } = setup(() => body.response);

    const done = model.start('');
    await flush();
    body.send(HEADER + 'Ada,x,y,z\r\n');
    await flush();
    model.cancel();
    await done;

    expect(requests[0]?.init.signal?.aborted).toBe(true);
    expect(model.status.value).toBe('cancelled');
    expect(model.error.value).toBeNull();
    expect(saved).toEqual([]);
  });

  it('says how far it got and saves nothing when the connection drops midway', async () => {
    const body = controlledBody();
    const { model, saved } = setup(() => body.response);

    const done = model.start('');
    await flush();
    body.send(HEADER + 'Ada,x,y,z\r\nAda,x,y,z\r\n');
    await flush();
    body.fail();
    await done;

    expect(model.status.value).toBe('failed');
    expect(model.error.value).toBe('The export stopped after 2 rows: the connection to the backend was lost. Nothing was saved; try again.');
    expect(saved).toEqual([]);
  });

  it("shows the backend's own message when it refuses the export", async () => {
    const refusal = { error: { code: 'forbidden', message: 'Your role (lead) cannot export the workspace log.' } };
    const { model } = setup(() => new Response(JSON.stringify(refusal), { status: 403, headers: { 'content-type': 'application/json' } }));

    await model.start('');

    expect(model.status.value).toBe('failed');
    expect(model.error.value).toBe('The export was refused: Your role (lead) cannot export the workspace log.');
  });

  it('asks to sign in again when the backend no longer knows the session', async () => {
    const { model } = setup(() => new Response('{}', { status: 401 }));
    await model.start('');
    expect(model.error.value).toBe('Your Auditdesk session has ended. Sign in again from the toolbar button, then export.');
  });

  it('asks to sign in first, without calling the backend, when no one is signed in', async () => {
    const { model, requests } = setup(() => new Response(''), { session: async () => null });
    await model.start('');
    expect(requests).toEqual([]);
    expect(model.error.value).toBe('Sign in to Auditdesk from its toolbar button to export the log.');
  });

  it('names the backend it could not reach', async () => {
    const { model } = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await model.start('');
    expect(model.error.value).toBe('Auditdesk could not reach the backend at http://127.0.0.1:8787. Check the connection and try again.');
  });

  it('runs one export at a time', async () => {
    const body = controlledBody();
    const { model, requests } = setup(() => body.response);
    const first = model.start('');
    await model.start('');
    await flush();
    body.end();
    await first;
    expect(requests).toHaveLength(1);
  });
});
