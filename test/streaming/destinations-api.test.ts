import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  StreamDestinationBody,
  StreamDestinationListBody,
  StreamDestinationWithSecretBody,
  type StreamDestination,
  type StreamDestinationWithSecret,
} from '../../shared/api-client-integration-responses';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const admin = (method: string, path: string, body?: unknown) => ws.call(method, `/api/v1/stream-destinations${path}`, { token: ws.tokens.admin, body });

async function createWebhook(extra: Record<string, unknown> = {}): Promise<StreamDestinationWithSecret> {
  const res = await admin('POST', '', { kind: 'webhook', name: 'SIEM', url: 'https://siem.example.com/in', ...extra });
  return v.parse(StreamDestinationWithSecretBody, await bodyOf(res, 201));
}

async function createFile(extra: Record<string, unknown> = {}): Promise<StreamDestinationWithSecret> {
  const res = await admin('POST', '', { kind: 'jsonl_file', name: 'Archive', directory: 'archive', ...extra });
  return v.parse(StreamDestinationWithSecretBody, await bodyOf(res, 201));
}

describe('stream destinations (admin routes)', () => {
  it('creates a webhook destination with a secret shown once, starting at the head of the log', async () => {
    const created = await createWebhook({ filter: { category: 'customer', notEvent: ['login', 'logout'] } });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created).toMatchObject({
      kind: 'webhook',
      url: 'https://siem.example.com/in',
      directory: null,
      rotateBytes: null,
      status: 'active',
      pauseAfterMinutes: 4_320,
      filter: { category: 'customer', notEvent: ['login', 'logout'] },
    });
    // Starting "now": what was already in the log is not owed; the create's own row came after the head was read.
    expect(created.health).toMatchObject({ state: 'caught_up', lagEvents: 0, deliveredCount: 0, attempts: 0, currentFile: null });
    expect(created.health.position).toBe(created.health.headSeq - 1);

    const read = await bodyOf<Record<string, unknown>>(await admin('GET', `/${created.id}`), 200);
    expect(read).not.toHaveProperty('secret');
    v.parse(StreamDestinationBody, read);
    const list = v.parse(StreamDestinationListBody, await bodyOf(await admin('GET', ''), 200));
    expect(list.items.map((item) => item.id)).toEqual([created.id]);
  });

  it('starts from position 0 when asked for the oldest events, and counts them as lag', async () => {
    const created = await createFile({ startAt: 'oldest', rotateBytes: 4_096 });
    expect(created).toMatchObject({ kind: 'jsonl_file', directory: 'archive', rotateBytes: 4_096, rotateMinutes: 1_440, secret: null, url: null });
    expect(created.health.position).toBe(0);
    expect(created.health.lagEvents).toBe(created.health.headSeq);
    expect(created.health.state).toBe('delivering');
  });

  it('records every change under settings › integrations and never the secret', async () => {
    const created = await createWebhook();
    await bodyOf(await admin('PATCH', `/${created.id}`, { name: 'SIEM (prod)', filter: { section: 'access' } }), 200);
    const rotated = v.parse(StreamDestinationWithSecretBody, await bodyOf(await admin('POST', `/${created.id}/rotate-secret`), 200));
    expect(rotated.secret).not.toBe(created.secret);
    expect((await bodyOf<StreamDestination>(await admin('POST', `/${created.id}/pause`), 200)).pausedReason).toBe('Paused by Admin Person');
    expect((await bodyOf<StreamDestination>(await admin('POST', `/${created.id}/resume`), 200)).status).toBe('active');
    expect((await admin('DELETE', `/${created.id}`)).status).toBe(204);

    const rows = await auditRowsOf(ws, created.id);
    expect(rows.map((row) => [row.event, row.property])).toEqual([
      ['create', null],
      ['update', 'name'],
      ['update', 'filter'],
      ['key_rotated', null],
      ['update', 'status'],
      ['update', 'pausedReason'],
      ['update', 'status'],
      ['update', 'pausedReason'],
      ['delete', null],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ category: 'settings', section: 'integrations', actor: { type: 'user', name: 'Admin Person' } });
      const text = JSON.stringify(row);
      expect(text).not.toContain(created.secret!);
      expect(text).not.toContain(rotated.secret!);
    }
    expect((await admin('GET', `/${created.id}`)).status).toBe(404);
    expect((await bodyOf<{ items: unknown[] }>(await admin('GET', ''), 200)).items).toEqual([]);
  });

  it('answers 409 to rotating the secret of a file destination, which has none', async () => {
    const file = await createFile();
    const res = await admin('POST', `/${file.id}/rotate-secret`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('answers 409 to a second file destination writing into the same folder', async () => {
    await createFile();
    expect((await admin('POST', '', { kind: 'jsonl_file', name: 'Again', directory: 'archive' })).status).toBe(409);
    const other = await createFile({ directory: 'other' });
    expect((await admin('PATCH', `/${other.id}`, { directory: 'archive' })).status).toBe(409);
  });

  it('answers 400 to plain http to another host, a path for a folder, an unknown filter and the other kind’s settings', async () => {
    const refused = async (method: string, path: string, body: unknown, field: string) => {
      const res = await admin(method, path, body);
      const text = await res.text();
      expect(res.status, text).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'invalid_request', details: expect.arrayContaining([expect.objectContaining({ path: field })]) } });
    };
    await refused('POST', '', { kind: 'webhook', name: 'x', url: 'http://siem.example.com/in' }, 'url');
    await refused('POST', '', { kind: 'jsonl_file', name: 'x', directory: '../etc' }, 'directory');
    await refused('POST', '', { kind: 'jsonl_file', name: 'x', directory: 'a/b' }, 'directory');
    await refused('POST', '', { kind: 'webhook', name: 'x', url: 'https://a.example', filter: { colour: 'red' } }, 'filter.colour');
    await refused('POST', '', { kind: 'webhook', name: 'x', url: 'https://a.example', filter: { from: '2026-01-01' } }, 'filter.from');
    // Plain http to this machine is allowed (a local collector).
    expect((await admin('POST', '', { kind: 'webhook', name: 'local', url: 'http://127.0.0.1:9000/in' })).status).toBe(201);

    const webhook = await createWebhook();
    const file = await createFile();
    await refused('PATCH', `/${webhook.id}`, { directory: 'archive' }, 'directory');
    await refused('PATCH', `/${webhook.id}`, { rotateBytes: 2_048 }, 'rotateBytes');
    await refused('PATCH', `/${file.id}`, { url: 'https://a.example' }, 'url');
    // Nothing of a refused change was written.
    expect((await bodyOf<StreamDestination>(await admin('GET', `/${file.id}`), 200)).url).toBeNull();
    expect((await auditRowsOf(ws, file.id)).map((row) => row.event)).toEqual(['create']);
  });

  it('refuses agents and leads with a recorded 403', async () => {
    for (const role of ['agent', 'lead'] as const) {
      const res = await ws.call('POST', '/api/v1/stream-destinations', { token: ws.tokens[role], body: { kind: 'webhook', name: 'x', url: 'https://a.example' } });
      expect(res.status).toBe(403);
    }
  });
});
