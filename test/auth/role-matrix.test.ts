import { desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit-event';
import { auditCategoriesOf } from '../../backend/auth/permissions';
import { API_KEY_SCOPES, type ApiKeyScope, DEFAULT_API_KEY_SCOPES } from '../../shared/permissions';
import type { Principal } from '../../backend/auth/principal';
import { presentAuditEvent } from '../../backend/audit/present';
import { auditEvents } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, PASSWORD, type TestWorkspace } from '../support/harness';

type Caller = 'agent' | 'lead' | 'admin' | 'automation' | 'anonymous';
/**
 * What a caller gets from a route: `allowed` means the guard let the request
 * through (any answer but 401/403/5xx: a 400 for an empty body or a 404 for a
 * made-up id counts), `sign_in_page` is the workspace's redirect to its
 * sign-in form. `public` is a route without a guard: any answer but 403/5xx
 * (signing in with an empty form is a 401, signing out redirects to sign in).
 */
type Outcome = 'allowed' | 'forbidden' | 'unauthenticated' | 'sign_in_page' | 'public';
type Access = Record<Caller, Outcome>;
/** A route's expectations; `scope` is what an API key must hold for the route (none: any key may call it). */
type Row = Access & { scope?: ApiKeyScope };

const CALLERS: Caller[] = ['agent', 'lead', 'admin', 'automation', 'anonymous'];

/** An API route: the callers named are let through, the other signed-in ones get 403, anonymous ones 401. */
function api(allowed: string): Access {
  const names = allowed.split(' ');
  const outcome = (caller: Caller): Outcome => (caller === 'anonymous' ? 'unauthenticated' : names.includes(caller) ? 'allowed' : 'forbidden');
  return Object.fromEntries(CALLERS.map((caller) => [caller, outcome(caller)])) as Access;
}

/** Routes every signed-in caller may call, an API key whatever its scopes (its own session and password). */
const SIGNED_IN = api('agent lead admin automation');
/**
 * Routes every signed-in caller may call, an API key only when it holds
 * `scope`: a key lacking it gets 403 naming the scope.
 */
function withScope(access: Access, scope: ApiKeyScope): Row {
  return { ...access, scope };
}
const READ = withScope(SIGNED_IN, 'entities:read');
const WRITE = withScope(SIGNED_IN, 'entities:write');
const LOG = withScope(SIGNED_IN, 'audit:read');
const ADMIN = api('admin');
/** Routes of a person's own things (saved views): people of every role, not automations. */
const PEOPLE = api('agent lead admin');
const LEAD_AND_ADMIN = api('lead admin');
/** Changing anyone's routing state: leads, admins and the queue router, not agents. */
const ROUTING = withScope(api('lead admin automation'), 'routing:write');
const PUBLIC: Access = { agent: 'public', lead: 'public', admin: 'public', automation: 'public', anonymous: 'public' };
/** Workspace pages are for people: API keys and anonymous browsers are sent to sign in. */
const PAGE: Access = { agent: 'allowed', lead: 'allowed', admin: 'allowed', automation: 'sign_in_page', anonymous: 'sign_in_page' };

/** Every route of the app. A new route fails the matrix until it is given a row here. */
const MATRIX: Record<string, Row> = {
  'GET /': PUBLIC,
  'GET /api/v1/health': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/password': SIGNED_IN,
  'POST /api/v1/auth/logout': SIGNED_IN,
  'GET /api/v1/auth/me': SIGNED_IN,

  'GET /api/v1/audit': LOG,
  'GET /api/v1/audit/actors': LOG,
  'GET /api/v1/audit/sections': LOG,
  'GET /api/v1/audit/properties': LOG,
  'GET /api/v1/audit/customers': LOG,
  'GET /api/v1/audit/activity': LOG,
  'GET /api/v1/audit/names': LOG,
  'GET /api/v1/audit/export': ADMIN,
  'GET /api/v1/audit/stream': LOG,
  'POST /api/v1/audit/:id/restore': SIGNED_IN,
  // Checkpoints of the log's chain (:id may be `latest`): admins; the made-up id is no checkpoint (404 after the guard).
  'GET /api/v1/audit/checkpoints': ADMIN,
  'POST /api/v1/audit/checkpoints': ADMIN,
  'GET /api/v1/audit/checkpoints/:id': ADMIN,
  'GET /api/v1/audit/checkpoints/:id/download': ADMIN,
  // The key checkpoints are signed with is public: anyone holding a checkpoint may check it.
  'GET /api/v1/audit/signing-key': PUBLIC,
  'GET /.well-known/auditdesk-signing-key': PUBLIC,
  'GET /api/v1/audit/verify': ADMIN,
  'GET /api/v1/audit/verifications': ADMIN,
  'GET /api/v1/audit/integrity': ADMIN,
  'GET /api/v1/settings/retention': ADMIN,
  'PUT /api/v1/settings/retention': ADMIN,

  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'PATCH /api/v1/users/:id': ADMIN,
  'POST /api/v1/users/:id/unlock': ADMIN,
  'GET /api/v1/api-keys': ADMIN,
  'POST /api/v1/api-keys': ADMIN,
  'PATCH /api/v1/api-keys/:id': ADMIN,
  'POST /api/v1/api-keys/:id/rotate': ADMIN,
  'DELETE /api/v1/api-keys/:id': ADMIN,

  'GET /api/v1/customers': READ,
  'POST /api/v1/customers': WRITE,
  'GET /api/v1/customers/:id': READ,
  'PATCH /api/v1/customers/:id': WRITE,
  'DELETE /api/v1/customers/:id': WRITE,
  'POST /api/v1/customers/:id/merge': WRITE,
  'GET /api/v1/customers/:id/audit': LOG,
  'GET /api/v1/companies': READ,
  'POST /api/v1/companies': WRITE,
  'GET /api/v1/companies/:id': READ,
  'PATCH /api/v1/companies/:id': WRITE,
  'DELETE /api/v1/companies/:id': WRITE,
  'GET /api/v1/conversations': READ,
  'POST /api/v1/conversations': WRITE,
  'GET /api/v1/conversations/:id': READ,
  'PATCH /api/v1/conversations/:id': WRITE,
  'DELETE /api/v1/conversations/:id': WRITE,
  'POST /api/v1/conversations/:id/merge': WRITE,
  'POST /api/v1/conversations/:id/sla-breach': WRITE,
  'GET /api/v1/conversations/:id/messages': READ,
  'POST /api/v1/conversations/:id/messages': WRITE,
  'POST /api/v1/conversations/:id/shortcuts/:shortcutId/apply': WRITE,
  'POST /api/v1/conversations/:id/routing/enqueue': WRITE,
  'POST /api/v1/conversations/:id/routing/accept': WRITE,
  'POST /api/v1/conversations/:id/routing/assign': WRITE,
  'GET /api/v1/conversations/:id/surveys': READ,
  'POST /api/v1/conversations/:id/surveys': WRITE,
  'GET /api/v1/conversations/:id/voice-recordings': READ,
  'POST /api/v1/conversations/:id/voice-recordings': WRITE,
  'GET /api/v1/conversations/:id/audit': LOG,
  'GET /api/v1/messages/:id': READ,
  'PATCH /api/v1/messages/:id': WRITE,
  'POST /api/v1/messages/:id/redact': LEAD_AND_ADMIN,
  'GET /api/v1/surveys/:id': READ,
  'POST /api/v1/surveys/:id/offer': WRITE,
  'POST /api/v1/surveys/:id/rate': WRITE,
  'POST /api/v1/surveys/:id/comment': WRITE,
  'GET /api/v1/voice-recordings/:id': READ,
  'DELETE /api/v1/voice-recordings/:id': WRITE,

  // Business rules and workflows are workspace configuration: admins only, reads included.
  'GET /api/v1/business-rules': ADMIN,
  'POST /api/v1/business-rules': ADMIN,
  'GET /api/v1/business-rules/:id': ADMIN,
  'PATCH /api/v1/business-rules/:id': ADMIN,
  'DELETE /api/v1/business-rules/:id': ADMIN,
  'POST /api/v1/business-rules/:id/enable': ADMIN,
  'POST /api/v1/business-rules/:id/disable': ADMIN,
  'GET /api/v1/workflows': ADMIN,
  'POST /api/v1/workflows': ADMIN,
  'GET /api/v1/workflows/:id': ADMIN,
  'PATCH /api/v1/workflows/:id': ADMIN,
  'DELETE /api/v1/workflows/:id': ADMIN,
  'POST /api/v1/workflows/:id/enable': ADMIN,
  'POST /api/v1/workflows/:id/disable': ADMIN,
  // Shortcuts and saved searches are read by everyone who uses them, changed by admins.
  'GET /api/v1/shortcuts': READ,
  'POST /api/v1/shortcuts': ADMIN,
  'GET /api/v1/shortcuts/:id': READ,
  'PATCH /api/v1/shortcuts/:id': ADMIN,
  'DELETE /api/v1/shortcuts/:id': ADMIN,
  'GET /api/v1/saved-searches': READ,
  'POST /api/v1/saved-searches': ADMIN,
  'GET /api/v1/saved-searches/:id': READ,
  'PATCH /api/v1/saved-searches/:id': ADMIN,
  'DELETE /api/v1/saved-searches/:id': ADMIN,
  'POST /api/v1/saved-searches/:id/enable': ADMIN,
  'POST /api/v1/saved-searches/:id/disable': ADMIN,
  // Saved views belong to a person; the made-up id is nobody's view (404 after the guard).
  'GET /api/v1/views': PEOPLE,
  'POST /api/v1/views': PEOPLE,
  'PATCH /api/v1/views/:id': PEOPLE,
  'DELETE /api/v1/views/:id': PEOPLE,
  // Watches too: a person's, never an automation's; the made-up id is nobody's watch (404 after the guard).
  'GET /api/v1/watches': PEOPLE,
  'POST /api/v1/watches': PEOPLE,
  'GET /api/v1/watches/:id': PEOPLE,
  'PATCH /api/v1/watches/:id': PEOPLE,
  'DELETE /api/v1/watches/:id': PEOPLE,
  // A person's notifications; the made-up id is nobody's notification (404 after the guard).
  'GET /api/v1/notifications': PEOPLE,
  'GET /api/v1/notifications/unread-count': PEOPLE,
  'GET /api/v1/notifications/stream': PEOPLE,
  'POST /api/v1/notifications/read': PEOPLE,
  'POST /api/v1/notifications/read-all': PEOPLE,
  'POST /api/v1/notifications/:id/read': PEOPLE,
  'GET /api/v1/billing': ADMIN,
  'PATCH /api/v1/billing/subscription': ADMIN,
  'PUT /api/v1/billing/payment-method': ADMIN,

  'GET /api/v1/routing/agents': READ,
  // The made-up :userId is someone else: agents may only change their own status.
  'PUT /api/v1/routing/agents/:userId/status': ROUTING,
  'PUT /api/v1/routing/agents/:userId/capacity': ROUTING,
  'GET /api/v1/routing/queues': READ,
  'PUT /api/v1/team-pulse/agents/:userId/status': ADMIN,
  // Events from other systems: API keys holding events:ingest only (the empty body is a 400 after the guard).
  'POST /api/v1/events': withScope(api('automation'), 'events:ingest'),
  // Streaming the log out: admins only, no API key scope grants it (made-up ids are 404s, empty bodies 400s, after the guard).
  'GET /api/v1/stream-destinations': ADMIN,
  'POST /api/v1/stream-destinations': ADMIN,
  'GET /api/v1/stream-destinations/:id': ADMIN,
  'PATCH /api/v1/stream-destinations/:id': ADMIN,
  'DELETE /api/v1/stream-destinations/:id': ADMIN,
  'POST /api/v1/stream-destinations/:id/pause': ADMIN,
  'POST /api/v1/stream-destinations/:id/resume': ADMIN,
  'POST /api/v1/stream-destinations/:id/rotate-secret': ADMIN,

  'GET /workspace/login': PUBLIC,
  'POST /workspace/login': PUBLIC,
  'POST /workspace/logout': PUBLIC,
  'GET /workspace': PAGE,
  'GET /workspace/customers/:id': PAGE,
  'POST /workspace/customers/:id': PAGE,
  'GET /workspace/conversations/:id': PAGE,
  'POST /workspace/conversations/:id': PAGE,
  'POST /workspace/conversations/:id/messages': PAGE,
};

/** Routes that end the caller's session: called with a session of their own, so the matrix's tokens live on. */
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /workspace/logout']);

let ws: TestWorkspace;
let tokens: Record<Exclude<Caller, 'anonymous'>, string>;
beforeEach(async () => {
  // The matrix signs in more often than the per-IP limit allows one test client.
  ws = await createTestWorkspace({ policy: { loginAttemptsPerIpPerMinute: 10_000 } });
  // Every scope: the automation column is what an automation may do at most; the scope tests below narrow it.
  const key = await createAsAdmin<{ secret: string }>(ws, '/api/v1/api-keys', { name: 'Matrix automation', kind: 'api', scopes: [...API_KEY_SCOPES] });
  tokens = { ...ws.tokens, automation: key.secret };
});
afterEach(() => ws.close());

/** Every route the app serves, as "METHOD /pattern" (middleware and catch-alls, method ALL, left out). */
function appRoutes(): string[] {
  return [...new Set(ws.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
}

async function freshToken(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  if (caller === 'automation') return tokens.automation;
  const res = await ws.call('POST', '/api/v1/auth/login', { body: { email: `${caller}@test.example`, password: PASSWORD } });
  return (await bodyOf<{ token: string }>(res, 200)).token;
}

/** Calls `route` with made-up ids and an empty body (JSON for the API, a form for workspace pages). */
async function callRoute(route: string, token: string | undefined, id: string): Promise<Response> {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:\w+/g, id);
  const withBody = method !== 'GET' && method !== 'DELETE';
  if (!path.startsWith('/workspace')) return ws.call(method, path, { token, ...(withBody ? { body: {} } : {}) });
  return ws.app.request(path, {
    method,
    redirect: 'manual',
    headers: {
      ...(token ? { cookie: ws.sessionCookie(token) } : {}),
      // The workspace refuses cross-site form posts; these come from the site itself.
      ...(withBody ? { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(withBody ? { body: '' } : {}),
  });
}

async function lastAccessDenied(): Promise<AuditEvent | undefined> {
  const [row] = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.event, 'access_denied')).orderBy(desc(auditEvents.id)).limit(1);
  return row && presentAuditEvent(row);
}

async function outcomeOf(res: Response): Promise<Outcome | string> {
  const location = res.headers.get('location') ?? '';
  if (res.status >= 300 && res.status < 400 && location.startsWith('/workspace/login')) return 'sign_in_page';
  if (res.status === 401) return 'unauthenticated';
  if (res.status === 403) return 'forbidden';
  if (res.status >= 500) return `error ${res.status}: ${await res.text()}`;
  return 'allowed';
}

describe('role × endpoint matrix', () => {
  it('has an expectation for every route of the app, and none for a route that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(appRoutes());
  });

  it('lets each caller through exactly the routes its role allows, recording every refusal', async () => {
    const madeUpId = ws.deps.newId();
    const mismatches: string[] = [];
    for (const route of appRoutes()) {
      const access = MATRIX[route];
      if (!access) continue; // reported by the test above
      for (const caller of CALLERS) {
        const token = ENDS_SESSION.has(route) ? await freshToken(caller) : caller === 'anonymous' ? undefined : tokens[caller];
        const before = await lastAccessDenied();
        const res = await callRoute(route, token, madeUpId);
        const got = await outcomeOf(res);
        // An allowed stream (SSE) or export would stay open: nothing here reads it.
        if (got !== 'forbidden') await res.body?.cancel().catch(() => undefined);
        const matches = access[caller] === 'public' ? got !== 'forbidden' && !got.startsWith('error') : got === access[caller];
        if (!matches) mismatches.push(`${route} as ${caller}: expected ${access[caller]}, got ${got}`);
        const recorded = await lastAccessDenied();
        if (got === 'forbidden') {
          expect(await res.json(), route).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
          const [method, pattern] = route.split(' ');
          expect(recorded?.id, `${route} as ${caller} left no access_denied row`).not.toBe(before?.id);
          expect(recorded, route).toMatchObject({
            category: 'authorization',
            section: 'user_login',
            subject: { type: caller === 'automation' ? 'api_key' : 'user' },
            context: { method, route: pattern, permission: expect.any(String) },
          });
        } else {
          expect(recorded?.id, `${route} as ${caller} recorded an access_denied row without a 403`).toBe(before?.id);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('API key scopes × endpoint matrix', () => {
  /** A key holding exactly `scopes`. */
  async function keyWith(scopes: readonly ApiKeyScope[]): Promise<string> {
    const key = await createAsAdmin<{ secret: string }>(ws, '/api/v1/api-keys', { name: `Holds ${scopes.join(' ')}`, kind: 'api', scopes });
    return key.secret;
  }

  it('lets a key through a route only when it holds the route’s scope, and names the missing scope in a recorded 403', async () => {
    const madeUpId = ws.deps.newId();
    const only = Object.fromEntries(await Promise.all(API_KEY_SCOPES.map(async (scope) => [scope, await keyWith([scope])]))) as Record<ApiKeyScope, string>;
    const allBut = Object.fromEntries(
      await Promise.all(API_KEY_SCOPES.map(async (scope) => [scope, await keyWith(API_KEY_SCOPES.filter((other) => other !== scope))])),
    ) as Record<ApiKeyScope, string>;
    const mismatches: string[] = [];
    const outcome = async (route: string, token: string) => {
      const res = await callRoute(route, token, madeUpId);
      const got = await outcomeOf(res);
      const body = got === 'forbidden' ? ((await res.json()) as { error: { message: string } }) : undefined;
      if (got !== 'forbidden') await res.body?.cancel().catch(() => undefined);
      return { got, message: body?.error.message };
    };
    for (const route of appRoutes()) {
      const row = MATRIX[route];
      if (row?.automation !== 'allowed' || ENDS_SESSION.has(route)) continue;
      if (!row.scope) {
        // Routes about the caller itself: any key, whichever scope it holds.
        for (const scope of API_KEY_SCOPES) {
          const { got } = await outcome(route, only[scope]);
          if (got !== 'allowed') mismatches.push(`${route} with only ${scope}: expected allowed, got ${got}`);
        }
        continue;
      }
      const granted = await outcome(route, only[row.scope]);
      if (granted.got !== 'allowed') mismatches.push(`${route} with only ${row.scope}: expected allowed, got ${granted.got}`);
      const before = await lastAccessDenied();
      const refused = await outcome(route, allBut[row.scope]);
      if (refused.got !== 'forbidden') {
        mismatches.push(`${route} without ${row.scope}: expected forbidden, got ${refused.got}`);
        continue;
      }
      expect(refused.message, route).toBe(`This API key lacks the scope ${row.scope}.`);
      const recorded = await lastAccessDenied();
      expect(recorded?.id, `${route} without ${row.scope} left no access_denied row`).not.toBe(before?.id);
      expect(recorded, route).toMatchObject({ subject: { type: 'api_key' }, context: { method: route.split(' ')[0], route: route.split(' ')[1] } });
    }
    expect(mismatches).toEqual([]);
  });

  it('gives a key created without scopes, like every key made before scopes, what an automation could always do', async () => {
    const key = await createAsAdmin<{ secret: string; scopes: string[] }>(ws, '/api/v1/api-keys', { name: 'Default', kind: 'api' });
    expect(key.scopes).toEqual(DEFAULT_API_KEY_SCOPES);
    for (const [route, row] of Object.entries(MATRIX)) {
      if (row.automation !== 'allowed' || ENDS_SESSION.has(route) || !row.scope) continue;
      const res = await callRoute(route, key.secret, ws.deps.newId());
      expect(await outcomeOf(res), route).toBe(DEFAULT_API_KEY_SCOPES.includes(row.scope) ? 'allowed' : 'forbidden');
      await res.body?.cancel().catch(() => undefined);
    }
  });
});

describe('access_denied events', () => {
  it('record who was refused what, on which route pattern, in the caller’s own org', async () => {
    const res = await ws.call('GET', '/api/v1/business-rules', { token: ws.tokens.agent });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Your role does not allow this.' } });
    const [row] = await ws.deps.db.reader.select().from(auditEvents).where(eq(auditEvents.event, 'access_denied'));
    expect(row?.orgId).toBe(ws.orgId);
    expect(presentAuditEvent(row!)).toMatchObject({
      actor: { type: 'user', id: ws.users.agent.id, name: ws.users.agent.name },
      event: 'access_denied',
      category: 'authorization',
      section: 'user_login',
      subject: { type: 'user', id: ws.users.agent.id, label: ws.users.agent.name },
      customerId: null,
      conversationId: null,
      context: { method: 'GET', route: '/api/v1/business-rules', permission: 'settings:write' },
    });
  });

  it('name the endpoint’s pattern with its ids as placeholders, even behind a guard for a whole path', async () => {
    const key = await createAsAdmin<{ id: string }>(ws, '/api/v1/api-keys', { name: 'Sync', kind: 'api' });
    expect((await ws.call('POST', `/api/v1/api-keys/${key.id}/rotate`, { token: ws.tokens.lead })).status).toBe(403);
    expect((await lastAccessDenied())?.context).toEqual({ method: 'POST', route: '/api/v1/api-keys/:id/rotate', permission: 'access:manage' });
  });

  it('name the API key when an automation is refused', async () => {
    const key = await createAsAdmin<{ id: string; secret: string }>(ws, '/api/v1/api-keys', { name: 'Shopify sync', kind: 'workflow' });
    expect((await ws.call('GET', '/api/v1/billing', { token: key.secret })).status).toBe(403);
    expect(await lastAccessDenied()).toMatchObject({
      actor: { type: 'workflow', id: key.id, name: 'Shopify sync' },
      subject: { type: 'api_key', id: key.id, label: 'Shopify sync' },
      context: { method: 'GET', route: '/api/v1/billing', permission: 'billing:read' },
      source: { apiKeyId: key.id },
    });
  });

  it('are recorded when an agent tries to act for someone else', async () => {
    const path = `/api/v1/routing/agents/${ws.users.lead.id}/status`;
    expect((await ws.call('PUT', path, { token: ws.tokens.agent, body: { status: 'away' } })).status).toBe(403);
    expect(await lastAccessDenied()).toMatchObject({
      actor: { id: ws.users.agent.id },
      context: { method: 'PUT', route: '/api/v1/routing/agents/:userId/status', permission: 'routing:write' },
    });
  });

  it('are never written for anonymous callers, who get 401', async () => {
    expect((await ws.call('GET', '/api/v1/business-rules')).status).toBe(401);
    expect(await lastAccessDenied()).toBeUndefined();
  });
});

describe('the log categories each role may read', () => {
  const as = (role: 'agent' | 'lead' | 'admin' | null): Principal => ({
    orgId: 'org',
    actor: { type: role ? 'user' : 'api', id: 'x', name: 'X' },
    user: role ? { id: 'x', email: 'x@example.com', name: 'X', role } : null,
    apiKey: role ? null : { id: 'x', kind: 'api', name: 'X', scopes: DEFAULT_API_KEY_SCOPES },
    sessionId: null,
  });

  it('are customer and conversation for agents and automations, plus work sessions for leads, and all for admins', () => {
    expect(auditCategoriesOf(as('agent'))).toEqual(['customer', 'conversation']);
    expect(auditCategoriesOf(as(null))).toEqual(['customer', 'conversation']);
    expect(auditCategoriesOf(as('lead'))).toEqual(['customer', 'conversation', 'work_session']);
    expect(auditCategoriesOf(as('admin'))).toEqual(['authorization', 'billing', 'conversation', 'customer', 'settings', 'work_session']);
  });

  it('are none for an API key without the audit:read scope, whatever else it holds', () => {
    const key = as(null);
    expect(auditCategoriesOf({ ...key, apiKey: { ...key.apiKey!, scopes: ['entities:read', 'entities:write', 'routing:write', 'events:ingest'] } })).toEqual([]);
  });
});

describe('subject history an agent reads', () => {
  it('is the conversation’s own events, its messages, survey and routing included, and nothing else', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund' });
    const sibling = await bodyOf<{ id: string }>(
      await ws.call('POST', '/api/v1/conversations', { token: ws.tokens.agent, body: { customerId: conversation.customerId, name: 'Other topic' } }),
      201,
    );
    const agent = (method: string, path: string, body?: object) => ws.call(method, path, { token: ws.tokens.agent, ...(body ? { body } : {}) });
    await bodyOf(await agent('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'Where is it?', direction: 'in' }), 201);
    await bodyOf(await agent('POST', `/api/v1/conversations/${conversation.id}/surveys`, { scheduledFor: '2030-01-02T09:00:00.000Z' }), 201);
    await bodyOf(await agent('PUT', `/api/v1/routing/agents/${ws.users.agent.id}/status`, { status: 'available' }), 200);
    await bodyOf(await agent('POST', `/api/v1/conversations/${conversation.id}/routing/accept`, {}), 200);
    await bodyOf(await agent('POST', `/api/v1/conversations/${sibling.id}/messages`, { body: 'Elsewhere' }), 201);
    // Rows of other categories written meanwhile: a settings change and a refusal.
    await createAsAdmin(ws, '/api/v1/shortcuts', { name: 'Thanks', message: 'Thanks!', actions: [] });
    expect((await agent('GET', '/api/v1/billing')).status).toBe(403);

    const history = await bodyOf<{ items: AuditEvent[] }>(await agent('GET', `/api/v1/conversations/${conversation.id}/audit`), 200);
    expect(history.items.every((row) => row.conversationId === conversation.id)).toBe(true);
    expect(new Set(history.items.map((row) => row.subject.type))).toEqual(new Set(['conversation', 'message', 'survey']));
    expect(new Set(history.items.map((row) => row.category))).toEqual(new Set(['conversation', 'work_session']));
    expect(history.items.map((row) => row.event)).toEqual(expect.arrayContaining(['create', 'survey_scheduled', 'accepted']));
  });

  it('is the customer’s own events and not those of their conversations or anything else', async () => {
    const conversation = await createCustomerAndConversation(ws, { name: 'Refund' });
    await bodyOf(await ws.call('PATCH', `/api/v1/customers/${conversation.customerId}`, { token: ws.tokens.agent, body: { tags: ['vip'] } }), 200);
    await bodyOf(await ws.call('PATCH', `/api/v1/conversations/${conversation.id}`, { token: ws.tokens.agent, body: { name: 'Refund, again' } }), 200);
    expect((await ws.call('GET', '/api/v1/users', { token: ws.tokens.agent })).status).toBe(403);

    const history = await bodyOf<{ items: AuditEvent[] }>(
      await ws.call('GET', `/api/v1/customers/${conversation.customerId}/audit`, { token: ws.tokens.agent }),
      200,
    );
    expect(history.items.map((row) => [row.event, row.property])).toEqual([
      ['update', 'tags'],
      ['create', null],
    ]);
    expect(history.items.every((row) => row.subject.type === 'customer' && row.subject.id === conversation.customerId)).toBe(true);
  });
});
