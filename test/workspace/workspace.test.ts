import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { newUlid } from '../../backend/audit/context';
import { createEntity } from '../../backend/audit/engine';
import { auditEvents, organizations } from '../../backend/db/schema';
import { conversationEntity } from '../../backend/entities/conversations/definition';
import { customerEntity } from '../../backend/entities/customers/definition';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

const ORIGIN = 'http://localhost';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

type Fields = Record<string, string | string[]>;

/** Posts an HTML form the way a browser on this site does (same Origin), with the session cookie if given. */
function post(path: string, fields: Fields, options: { cookie?: string; origin?: string } = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return ws.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? ORIGIN,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: body.toString(),
  });
}

function get(path: string, cookie?: string) {
  return ws.app.request(path, { headers: cookie ? { cookie } : {} });
}

/** Signs in through the workspace's form and returns the session cookie to send back. */
async function signIn(email = 'agent@test.example'): Promise<string> {
  const res = await post('/workspace/login', { email, password: PASSWORD });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

async function createCustomer(body: Record<string, unknown> = { name: 'Ana Ruiz', emails: ['ana@example.com'] }) {
  const res = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

async function createConversation(customerId: string) {
  const res = await ws.call('POST', '/api/v1/conversations', {
    token: ws.tokens.agent,
    body: { customerId, name: 'Refund for order 1042' },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

async function history(type: 'customers' | 'conversations', id: string): Promise<AuditEvent[]> {
  const res = await ws.call('GET', `/api/v1/${type}/${id}/audit`, { token: ws.tokens.agent });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

/** A conversation in a second organization of the same database, written through the engine. */
async function foreignConversation(): Promise<string> {
  const orgId = newUlid();
  const ctx = { ...ws.systemCtx(), orgId };
  return ws.deps.writes.run(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Other Support', createdAt: ws.deps.now() });
    const customer = await createEntity(tx, ctx, customerEntity, {
      name: 'Someone Else',
      username: null,
      avatarUrl: null,
      emails: [],
      phones: [],
      urls: [],
      location: null,
      timezone: null,
      birthday: null,
      gender: null,
      tags: [],
      defaultLanguage: null,
      companyId: null,
      companyExternalId: null,
      signedUpAt: null,
      socials: {},
      facebookId: null,
      custom: {},
    });
    const conversation = await createEntity(tx, ctx, conversationEntity, {
      customerId: customer.id,
      name: 'Not yours',
      channel: 'email',
      status: 'open',
      snoozedUntil: null,
      endedReason: null,
      priority: 'normal',
      tags: [],
      assignedUsers: [],
      assignedTeams: [],
      defaultLanguage: null,
      assistant: null,
      queueId: null,
      queueRule: null,
      acceptedBy: null,
      ivr: false,
      slaBreachedAt: null,
      custom: {},
    });
    return conversation.id;
  });
}

describe('workspace sign-in', () => {
  it('answers a wrong password and an unknown email with the same message, keeping the email', async () => {
    const wrong = await post('/workspace/login', { email: 'agent@test.example', password: 'not it' });
    const unknown = await post('/workspace/login', { email: 'nobody@test.example', password: 'not it' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()];
    const message = /data-testid="login-error">([^<]*)</;
    expect(wrongHtml.match(message)?.[1]).toBe('The email or password is not correct.');
    expect(unknownHtml.match(message)?.[1]).toBe('The email or password is not correct.');
    expect(wrongHtml).toContain('value="agent@test.example"');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and opens the workspace as the user', async () => {
    const res = await post('/workspace/login', { email: 'agent@test.example', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/workspace');
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const home = await get('/workspace', (res.headers.get('set-cookie') ?? '').split(';')[0]);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(`data-testid="signed-in-user">${ws.users.agent.name}<`);
  });

  it('sends visitors without a session to the sign-in page, remembering where they were going', async () => {
    const { id } = await createCustomer();
    for (const path of ['/workspace', `/workspace/customers/${id}`, '/workspace/conversations/01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      const res = await get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/workspace/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('returns to the page asked for after signing in, but never to another site', async () => {
    const to = async (next: string) =>
      (await post('/workspace/login', { email: 'agent@test.example', password: PASSWORD, next })).headers.get('location');
    expect(await to('/workspace/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe('/workspace/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(await to('//evil.example/workspace')).toBe('/workspace');
    expect(await to('https://evil.example/workspace')).toBe('/workspace');
  });

  it('signing out ends the session and is recorded', async () => {
    const cookie = await signIn();
    const res = await post('/workspace/logout', {}, { cookie });
    expect(res.status).toBe(303);
    expect((await get('/workspace', cookie)).status).toBe(302);
    const recorded = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.event, 'logout'));
    expect(recorded).toMatchObject([{ actorId: ws.users.agent.id, category: 'authorization', section: 'user_login' }]);
  });
});

describe('workspace pages', () => {
  it('shows the customer page rooted at data-customer-id, with the attributes', async () => {
    const customer = await createCustomer({ name: 'Ana Ruiz', emails: ['ana@example.com'], custom: { plan: 'gold' } });
    const res = await get(`/workspace/customers/${customer.id}`, await signIn());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<main data-customer-id="${customer.id}"`);
    expect(html).toContain('data-testid="attr-emails">ana@example.com<');
    expect(html).toContain('data-testid="attr-custom-plan">gold<');
  });

  it('finds customers by name or email from the search box', async () => {
    await createCustomer({ name: 'Ana Ruiz', emails: ['ana@example.com'] });
    await createCustomer({ name: 'Bo Lind', emails: ['bo@lind.example'] });
    const html = await (await get('/workspace?q=lind', await signIn())).text();
    expect(html).toContain('Bo Lind');
    expect(html).not.toContain('Ana Ruiz');
  });

  it('answers 404 for another workspace’s conversation, and changes nothing there', async () => {
    const foreignId = await foreignConversation();
    const cookie = await signIn();
    const page = await get(`/workspace/conversations/${foreignId}`, cookie);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('data-testid="error-page"');
    const edit = await post(`/workspace/conversations/${foreignId}`, { status: 'done', priority: 'normal' }, { cookie });
    expect(edit.status).toBe(404);
  });
});

describe('workspace forms', () => {
  it('records a status change made on the conversation page, with the signed-in user as actor', async () => {
    const { id: customerId } = await createCustomer();
    const { id } = await createConversation(customerId);
    const cookie = await signIn();
    const res = await post(
      `/workspace/conversations/${id}`,
      { status: 'done', endedReason: 'Refund sent', priority: 'normal', tags: '', assignee: '' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/workspace/conversations/${id}?saved=1`);

    const updates = (await history('conversations', id)).filter((row) => row.event === 'update');
    expect(updates.map((row) => [row.property, row.before, row.after])).toEqual(
      expect.arrayContaining([
        ['status', 'open', 'done'],
        ['endedReason', null, 'Refund sent'],
      ]),
    );
    // Fields the form sent back unchanged are not recorded as changes.
    expect(updates).toHaveLength(2);
    for (const row of updates) {
      expect(row.actor).toEqual({ type: 'user', id: ws.users.agent.id, name: ws.users.agent.name });
      expect(row.category).toBe('conversation');
    }
    const page = await (await get(`/workspace/conversations/${id}?saved=1`, cookie)).text();
    expect(page).toContain(`data-conversation-id="${id}" data-customer-id="${customerId}"`);
    expect(page).toContain('data-testid="conversation-status">Done<');
  });

  it('refuses a bad value with its message, keeps what was typed, and writes nothing', async () => {
    const { id: customerId } = await createCustomer();
    const { id } = await createConversation(customerId);
    const cookie = await signIn();
    const before = await history('conversations', id);

    const snooze = await post(`/workspace/conversations/${id}`, { status: 'snoozed', snoozedUntil: '', priority: 'urgent' }, { cookie });
    expect(snooze.status).toBe(400);
    const html = await snooze.text();
    expect(html).toContain('snoozing needs snoozedUntil');
    expect(html).toMatch(/<option value="urgent" selected/);

    const customer = await post(`/workspace/customers/${customerId}`, { name: 'Ana Ruiz', emails: 'ana@example.com, not-an-email' }, { cookie });
    expect(customer.status).toBe(400);
    expect(await customer.text()).toContain('“not-an-email” must be an email address');

    expect(await history('conversations', id)).toEqual(before);
    expect((await history('customers', customerId)).filter((row) => row.event !== 'create')).toEqual([]);
  });

  it('saves customer attributes, custom ones included, through the audited write path', async () => {
    const { id } = await createCustomer({ name: 'Ana', emails: ['ana@example.com'], custom: { plan: 'gold', seats: 3 } });
    const cookie = await signIn();
    const res = await post(
      `/workspace/customers/${id}`,
      {
        name: 'Ana Ruiz',
        emails: 'ana@example.com',
        phones: '',
        tags: 'vip, churn-risk',
        location: '',
        timezone: 'Europe/Madrid',
        defaultLanguage: '',
        customKey: ['plan', 'seats', 'region', ''],
        customValue: ['', '3', 'emea', ''],
      },
      { cookie },
    );
    expect(res.status).toBe(303);
    const changes = (await history('customers', id)).filter((row) => row.event === 'update');
    expect(changes.map((row) => [row.property, row.before, row.after])).toEqual(
      expect.arrayContaining([
        ['name', 'Ana', 'Ana Ruiz'],
        ['tags', [], ['vip', 'churn-risk']],
        ['timezone', null, 'Europe/Madrid'],
        ['custom.plan', 'gold', null],
        ['custom.region', null, 'emea'],
      ]),
    );
    expect(changes).toHaveLength(5);
  });

  it('adds a message from the composer as the signed-in user', async () => {
    const { id: customerId } = await createCustomer();
    const { id } = await createConversation(customerId);
    const cookie = await signIn();
    expect((await post(`/workspace/conversations/${id}/messages`, { body: '', direction: 'out' }, { cookie })).status).toBe(400);
    const res = await post(`/workspace/conversations/${id}/messages`, { body: 'Your refund is on its way.', direction: 'out' }, { cookie });
    expect(res.status).toBe(303);
    const page = await (await get(`/workspace/conversations/${id}`, cookie)).text();
    expect(page).toContain('Your refund is on its way.');
    const created = (await history('conversations', id)).find((row) => row.subject.type === 'message');
    expect(created).toMatchObject({ event: 'create', actor: { id: ws.users.agent.id } });
  });

  it('refuses a form posted from another site, and writes nothing', async () => {
    const { id: customerId } = await createCustomer();
    const { id } = await createConversation(customerId);
    const cookie = await signIn();
    const before = await history('conversations', id);
    const res = await post(`/workspace/conversations/${id}`, { status: 'done', priority: 'normal' }, { cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await history('conversations', id)).toEqual(before);
    const login = await post('/workspace/login', { email: 'agent@test.example', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });
});
