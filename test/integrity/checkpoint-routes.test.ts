import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint, parsePublicKey } from '../../backend/audit/chain/checkpoint';
import { signCheckpointNow } from '../../backend/audit/checkpoints/sign';
import { hashPassword } from '../../backend/auth/passwords';
import { CheckpointBody, CheckpointPageBody, SigningKeyBody } from '../../shared/api-client-integrity-responses';
import { bodyOf } from '../support/audit-rows';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';
import { createSecondOrg, type SecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let other: SecondOrg;
beforeAll(async () => {
  ws = await createTestWorkspace();
  other = await createSecondOrg(ws);
});
afterAll(() => ws.close());

const admin = (method: string, path: string) => ws.call(method, `/api/v1/audit${path}`, { token: ws.tokens.admin });

async function signNow(): Promise<v.InferOutput<typeof CheckpointBody>> {
  return v.parse(CheckpointBody, await bodyOf(await admin('POST', '/checkpoints'), 201));
}

async function addCustomer(name: string) {
  await bodyOf(await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name } }), 201);
}

describe('POST /audit/checkpoints', () => {
  it('signs the workspace’s head now, for the admin, and answers the checkpoint', async () => {
    const checkpoint = await signNow();
    expect(checkpoint).toMatchObject({ reason: 'demand', keyId: ws.deps.signing.keyId });
    const payload = openCheckpoint(ws.deps.signing.publicKey, checkpoint);
    expect(payload).toMatchObject({ orgId: ws.orgId, seq: checkpoint.seq, hash: checkpoint.hash, signedAt: checkpoint.signedAt });
  });

  it('answers 409 empty_log for a workspace with no event on its chain yet', async () => {
    // A workspace whose only user was written without the audit engine, as in a database older than the chain.
    const orgId = ws.deps.newId();
    const userId = ws.deps.newId();
    const now = Date.now();
    await ws.deps.db.writerClient.execute({ sql: 'insert into organizations (id, name, created_at) values (?, ?, ?)', args: [orgId, 'Unchained', now] });
    await ws.deps.db.writerClient.execute({
      sql: `insert into users (id, org_id, email, name, role, password_hash, created_at, updated_at) values (?, ?, ?, ?, 'admin', ?, ?, ?)`,
      args: [userId, orgId, 'old@unchained.example', 'Old Admin', await hashPassword(PASSWORD), now, now],
    });
    const session = await ws.deps.lucia.createSession(userId, {});
    const res = await ws.call('POST', '/api/v1/audit/checkpoints', { token: session.id });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'empty_log', message: expect.any(String) } });
    expect((await ws.call('GET', '/api/v1/audit/checkpoints/latest', { token: session.id })).status).toBe(404);
  });
});

describe('GET /audit/checkpoints', () => {
  it('lists the workspace’s checkpoints newest first, page by page with a signed cursor, none of another workspace', async () => {
    await signCheckpointNow(ws.deps, other.orgId, 'schedule');
    for (const name of ['Ana', 'Bo', 'Cy', 'Di', 'Ed']) {
      await addCustomer(name);
      await signNow();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page = v.parse(CheckpointPageBody, await bodyOf(await admin('GET', `/checkpoints${query}`), 200));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const { rows } = await ws.deps.db.writerClient.execute({
      sql: 'select id from audit_checkpoints where org_id = ? order by signed_at desc',
      args: [ws.orgId],
    });
    expect(seen).toEqual(rows.map((r) => r[0]));
    expect(pages).toBe(Math.ceil(rows.length / 2));
  });

  it('chains each listed checkpoint to the one after it in the list', async () => {
    const page = v.parse(CheckpointPageBody, await bodyOf(await admin('GET', '/checkpoints?limit=100'), 200));
    for (let i = 0; i + 1 < page.items.length; i++) expect(page.items[i]!.previous).toBe(page.items[i + 1]!.digest);
    expect(page.items.at(-1)!.previous).toBeNull();
  });

  it('answers 400 to a tampered cursor, a cursor of another caller, and a limit out of range', async () => {
    const page = v.parse(CheckpointPageBody, await bodyOf(await admin('GET', '/checkpoints?limit=1'), 200));
    const cursor = page.nextCursor!;
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await admin('GET', `/checkpoints?cursor=${encodeURIComponent(tampered)}`)).status).toBe(400);
    expect((await ws.call('GET', `/api/v1/audit/checkpoints?cursor=${encodeURIComponent(cursor)}`, { token: other.tokens.admin })).status).toBe(400);
    expect((await admin('GET', '/checkpoints?limit=101')).status).toBe(400);
    expect((await admin('GET', '/checkpoints?limit=0')).status).toBe(400);
  });
});

describe('GET /audit/checkpoints/latest and /:id', () => {
  it('answer the newest checkpoint, and one by id', async () => {
    const newest = await signNow();
    expect(await bodyOf(await admin('GET', '/checkpoints/latest'), 200)).toEqual(newest);
    expect(await bodyOf(await admin('GET', `/checkpoints/${newest.id}`), 200)).toEqual(newest);
  });

  it('answer 404 for another workspace’s checkpoint and for an id that names none', async () => {
    const theirs = (await signCheckpointNow(ws.deps, other.orgId, 'demand'))!;
    expect((await ws.call('GET', `/api/v1/audit/checkpoints/${theirs.id}`, { token: other.tokens.admin })).status).toBe(200);
    for (const path of [`/checkpoints/${theirs.id}`, `/checkpoints/${theirs.id}/download`, `/checkpoints/${ws.deps.newId()}`]) {
      const res = await admin('GET', path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such checkpoint.' } });
    }
    const bad = await admin('GET', '/checkpoints/not-an-id');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ path: 'id', message: 'must be a checkpoint id or "latest"' }] } });
  });
});

describe('checkpoint downloads', () => {
  it('are the checkpoint file, named after the workspace and sequence number, which the embedded public key verifies', async () => {
    const checkpoint = await signNow();
    for (const path of [`/checkpoints/${checkpoint.id}/download`, '/checkpoints/latest/download']) {
      const res = await admin('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="auditdesk-checkpoint-${ws.orgId}-${checkpoint.seq}.json"`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const file = (await res.json()) as Record<string, string>;
      expect(Object.keys(file).sort()).toEqual(['algorithm', 'keyId', 'payload', 'publicKey', 'signature']);
      expect(file).toMatchObject({ payload: checkpoint.payload, signature: checkpoint.signature, keyId: ws.deps.signing.keyId, algorithm: 'Ed25519' });
      expect(openCheckpoint(parsePublicKey(file.publicKey!), { payload: file.payload!, signature: file.signature! })).toMatchObject({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
      });
    }
  });
});

describe('the public signing key', () => {
  it('is served to anyone at /audit/signing-key and as PEM at /.well-known/auditdesk-signing-key, and verifies checkpoints', async () => {
    const body = v.parse(SigningKeyBody, await bodyOf(await ws.call('GET', '/api/v1/audit/signing-key'), 200));
    expect(body.keyId).toBe(ws.deps.signing.keyId);
    const res = await ws.app.request('/.well-known/auditdesk-signing-key');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-pem-file');
    const pem = await res.text();
    expect(pem).toBe(body.publicKey);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const checkpoint = await signNow();
    expect(openCheckpoint(parsePublicKey(pem), checkpoint)).not.toBeNull();
  });
});

describe('who may use the checkpoint routes', () => {
  it('is admins only: agents and leads get 403, anonymous callers 401', async () => {
    for (const path of ['/checkpoints', '/checkpoints/latest', '/checkpoints/latest/download']) {
      expect((await ws.call('GET', `/api/v1/audit${path}`, { token: ws.tokens.agent })).status, path).toBe(403);
      expect((await ws.call('GET', `/api/v1/audit${path}`, { token: ws.tokens.lead })).status, path).toBe(403);
      expect((await ws.call('GET', `/api/v1/audit${path}`)).status, path).toBe(401);
    }
    expect((await ws.call('POST', '/api/v1/audit/checkpoints', { token: ws.tokens.lead })).status).toBe(403);
  });
});
