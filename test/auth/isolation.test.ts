import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import { bodyOf } from '../support/audit-rows';
import { createAsAdmin, createCustomerAndConversation } from '../support/fixtures';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';
import { createSecondOrg, type SecondOrg } from '../support/second-org';

let ws: TestWorkspace;
let other: SecondOrg;
/** Objects of the caller's own org, for routes that take two ids. */
let own: { customer: string; conversation: string; shortcut: string };

beforeEach(async () => {
  ws = await createTestWorkspace();
  other = await createSecondOrg(ws);
  const conversation = await createCustomerAndConversation(ws, { name: 'Own refund' });
  const shortcut = await createAsAdmin<{ id: string }>(ws, '/api/v1/shortcuts', { name: 'Own shortcut', message: '', actions: [] });
  own = { customer: conversation.customerId, conversation: conversation.id, shortcut: shortcut.id };
});
afterEach(() => ws.close());

type Ids = SecondOrg['ids'];
interface Probe {
  params: Record<string, string>;
  /** A valid body, so that only the ids can make the answer a 404. */
  body?: unknown;
}

/**
 * For every API route with an id in its path: the calls that name another
 * org's objects there. Each body is valid, so a 404 can only come from the id.
 */
const PROBES: Record<string, (b: Ids) => Probe[]> = {
  'DELETE /api/v1/api-keys/:id': (b) => [{ params: { id: b.apiKey } }],
  'PATCH /api/v1/api-keys/:id': (b) => [{ params: { id: b.apiKey }, body: { scopes: ['audit:read'] } }],
  'POST /api/v1/api-keys/:id/rotate': (b) => [{ params: { id: b.apiKey } }],
  'GET /api/v1/customers/:id': (b) => [{ params: { id: b.customer } }],
  'PATCH /api/v1/customers/:id': (b) => [{ params: { id: b.customer }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/customers/:id': (b) => [{ params: { id: b.customer } }],
  'POST /api/v1/customers/:id/merge': (b) => [
    { params: { id: b.customer }, body: { targetId: own.customer } },
    { params: { id: own.customer }, body: { targetId: b.customer } },
  ],
  'GET /api/v1/customers/:id/audit': (b) => [{ params: { id: b.customer } }],
  'POST /api/v1/audit/:id/restore': (b) => [{ params: { id: b.auditEvent }, body: { force: true } }],
  'GET /api/v1/companies/:id': (b) => [{ params: { id: b.company } }],
  'PATCH /api/v1/companies/:id': (b) => [{ params: { id: b.company }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/companies/:id': (b) => [{ params: { id: b.company } }],
  'GET /api/v1/conversations/:id': (b) => [{ params: { id: b.conversation } }],
  'PATCH /api/v1/conversations/:id': (b) => [{ params: { id: b.conversation }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/conversations/:id': (b) => [{ params: { id: b.conversation } }],
  'POST /api/v1/conversations/:id/merge': (b) => [
    { params: { id: b.conversation }, body: { targetId: own.conversation } },
    { params: { id: own.conversation }, body: { targetId: b.conversation } },
  ],
  'POST /api/v1/conversations/:id/sla-breach': (b) => [{ params: { id: b.conversation }, body: { sla: 'first_response' } }],
  'GET /api/v1/conversations/:id/messages': (b) => [{ params: { id: b.conversation } }],
  'POST /api/v1/conversations/:id/messages': (b) => [{ params: { id: b.conversation }, body: { body: 'Hello from elsewhere' } }],
  'POST /api/v1/conversations/:id/shortcuts/:shortcutId/apply': (b) => [
    { params: { id: b.conversation, shortcutId: own.shortcut }, body: {} },
    { params: { id: own.conversation, shortcutId: b.shortcut }, body: {} },
  ],
  'POST /api/v1/conversations/:id/routing/enqueue': (b) => [{ params: { id: b.conversation }, body: { queueId: b.customer } }],
  'POST /api/v1/conversations/:id/routing/accept': (b) => [{ params: { id: b.conversation }, body: {} }],
  'POST /api/v1/conversations/:id/routing/assign': (b) => [{ params: { id: b.conversation }, body: { assignedUsers: [] } }],
  'GET /api/v1/conversations/:id/surveys': (b) => [{ params: { id: b.conversation } }],
  'POST /api/v1/conversations/:id/surveys': (b) => [{ params: { id: b.conversation }, body: { scheduledFor: '2030-01-02T09:00:00.000Z' } }],
  'GET /api/v1/conversations/:id/voice-recordings': (b) => [{ params: { id: b.conversation } }],
  'POST /api/v1/conversations/:id/voice-recordings': (b) => [
    { params: { id: b.conversation }, body: { durationSeconds: 1, recordingUrl: 'https://calls.example.com/rec/1.mp3' } },
  ],
  'GET /api/v1/conversations/:id/audit': (b) => [{ params: { id: b.conversation } }],
  'GET /api/v1/messages/:id': (b) => [{ params: { id: b.message } }],
  'PATCH /api/v1/messages/:id': (b) => [{ params: { id: b.message }, body: { body: 'Rewritten' } }],
  'POST /api/v1/messages/:id/redact': (b) => [{ params: { id: b.message } }],
  'GET /api/v1/business-rules/:id': (b) => [{ params: { id: b.businessRule } }],
  'PATCH /api/v1/business-rules/:id': (b) => [{ params: { id: b.businessRule }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/business-rules/:id': (b) => [{ params: { id: b.businessRule } }],
  'POST /api/v1/business-rules/:id/enable': (b) => [{ params: { id: b.businessRule } }],
  'POST /api/v1/business-rules/:id/disable': (b) => [{ params: { id: b.businessRule } }],
  'GET /api/v1/workflows/:id': (b) => [{ params: { id: b.workflow } }],
  'PATCH /api/v1/workflows/:id': (b) => [{ params: { id: b.workflow }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/workflows/:id': (b) => [{ params: { id: b.workflow } }],
  'POST /api/v1/workflows/:id/enable': (b) => [{ params: { id: b.workflow } }],
  'POST /api/v1/workflows/:id/disable': (b) => [{ params: { id: b.workflow } }],
  'GET /api/v1/shortcuts/:id': (b) => [{ params: { id: b.shortcut } }],
  'PATCH /api/v1/shortcuts/:id': (b) => [{ params: { id: b.shortcut }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/shortcuts/:id': (b) => [{ params: { id: b.shortcut } }],
  'GET /api/v1/saved-searches/:id': (b) => [{ params: { id: b.savedSearch } }],
  'PATCH /api/v1/saved-searches/:id': (b) => [{ params: { id: b.savedSearch }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/saved-searches/:id': (b) => [{ params: { id: b.savedSearch } }],
  'POST /api/v1/saved-searches/:id/enable': (b) => [{ params: { id: b.savedSearch } }],
  'POST /api/v1/saved-searches/:id/disable': (b) => [{ params: { id: b.savedSearch } }],
  'PATCH /api/v1/views/:id': (b) => [{ params: { id: b.view }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/views/:id': (b) => [{ params: { id: b.view } }],
  'GET /api/v1/watches/:id': (b) => [{ params: { id: b.watch } }],
  'PATCH /api/v1/watches/:id': (b) => [{ params: { id: b.watch }, body: { paused: true } }],
  'DELETE /api/v1/watches/:id': (b) => [{ params: { id: b.watch } }],
  'PUT /api/v1/routing/agents/:userId/status': (b) => [{ params: { userId: b.user }, body: { status: 'away' } }],
  'PUT /api/v1/routing/agents/:userId/capacity': (b) => [{ params: { userId: b.user }, body: { remainingCapacity: 1 } }],
  'PUT /api/v1/team-pulse/agents/:userId/status': (b) => [{ params: { userId: b.user }, body: { status: 'away' } }],
  'PATCH /api/v1/users/:id': (b) => [{ params: { id: b.user }, body: { name: 'Taken over' } }],
  'POST /api/v1/users/:id/unlock': (b) => [{ params: { id: b.user } }],
  'GET /api/v1/surveys/:id': (b) => [{ params: { id: b.survey } }],
  'POST /api/v1/surveys/:id/offer': (b) => [{ params: { id: b.survey } }],
  'POST /api/v1/surveys/:id/rate': (b) => [{ params: { id: b.survey }, body: { rating: 1 } }],
  'POST /api/v1/surveys/:id/comment': (b) => [{ params: { id: b.survey }, body: { comment: 'Terrible' } }],
  'GET /api/v1/voice-recordings/:id': (b) => [{ params: { id: b.voiceRecording } }],
  'DELETE /api/v1/voice-recordings/:id': (b) => [{ params: { id: b.voiceRecording } }],
  'POST /api/v1/notifications/:id/read': (b) => [{ params: { id: b.notification } }],
  'GET /api/v1/audit/checkpoints/:id': (b) => [{ params: { id: b.checkpoint } }],
  'GET /api/v1/audit/checkpoints/:id/download': (b) => [{ params: { id: b.checkpoint } }],
  'GET /api/v1/stream-destinations/:id': (b) => [{ params: { id: b.streamDestination } }],
  'PATCH /api/v1/stream-destinations/:id': (b) => [{ params: { id: b.streamDestination }, body: { name: 'Taken over' } }],
  'DELETE /api/v1/stream-destinations/:id': (b) => [{ params: { id: b.streamDestination } }],
  'POST /api/v1/stream-destinations/:id/pause': (b) => [{ params: { id: b.streamDestination } }],
  'POST /api/v1/stream-destinations/:id/resume': (b) => [{ params: { id: b.streamDestination } }],
  'POST /api/v1/stream-destinations/:id/rotate-secret': (b) => [{ params: { id: b.streamDestination } }],
};

/** Every API route (method and pattern) with an id in its path. */
function apiRoutesWithIds(): string[] {
  const keys = ws.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && r.path.includes('/:')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

const fill = (pattern: string, params: Record<string, string>) => pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`);

async function orgRowCount(orgId: string): Promise<number> {
  const [row] = await ws.deps.db.reader.select({ n: count() }).from(auditEvents).where(eq(auditEvents.orgId, orgId));
  return row?.n ?? 0;
}

describe('workspace isolation', () => {
  it('has a cross-org probe for every API route with an id in its path', () => {
    expect(Object.keys(PROBES).sort()).toEqual(apiRoutesWithIds());
  });

  it('answers 404 to another org’s ids on every entity and audit route, exactly as for ids that do not exist, and changes nothing there', async () => {
    const before = await orgRowCount(other.orgId);
    const b = other.ids;
    // The same probes with ids that exist nowhere: the answer must not tell the two apart.
    const nowhere = Object.fromEntries(Object.keys(b).map((k) => [k, ws.deps.newId()])) as Ids;
    for (const [route, probes] of Object.entries(PROBES)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const foreign = probes(b);
      const missing = probes(nowhere);
      for (const [i, probe] of foreign.entries()) {
        const res = await ws.call(method, fill(pattern, probe.params), { token: ws.tokens.admin, body: probe.body });
        const text = await res.text();
        expect(res.status, `${route} ${JSON.stringify(probe.params)}: ${text}`).toBe(404);
        const unknown = missing[i]!;
        const control = await ws.call(method, fill(pattern, unknown.params), { token: ws.tokens.admin, body: unknown.body });
        expect(text, route).toBe(await control.text());
      }
    }
    expect(await orgRowCount(other.orgId)).toBe(before);
  });

  it('answers 404 to an API key naming another org’s objects, both ways', async () => {
    const key = await createAsAdmin<{ secret: string }>(ws, '/api/v1/api-keys', { name: 'Own sync', kind: 'api' });
    expect((await ws.call('GET', `/api/v1/customers/${other.ids.customer}`, { token: key.secret })).status).toBe(404);
    expect((await ws.call('GET', `/api/v1/conversations/${other.ids.conversation}/audit`, { token: key.secret })).status).toBe(404);
    expect((await ws.call('GET', `/api/v1/customers/${own.customer}`, { token: other.apiKeySecret })).status).toBe(404);
    expect((await ws.call('PATCH', `/api/v1/conversations/${own.conversation}`, { token: other.apiKeySecret, body: { name: 'x' } })).status).toBe(404);
  });

  it('lists only the caller’s own org’s objects', async () => {
    // Other Co's agent goes available, so it has a routing state to leak.
    const status = await ws.call('PUT', `/api/v1/routing/agents/${other.ids.user}/status`, { token: other.tokens.agent, body: { status: 'available' } });
    expect(status.status).toBe(200);
    const foreignIds = new Set(Object.values(other.ids));
    for (const path of [
      '/api/v1/customers',
      '/api/v1/companies',
      '/api/v1/conversations',
      '/api/v1/business-rules',
      '/api/v1/workflows',
      '/api/v1/shortcuts',
      '/api/v1/saved-searches',
      '/api/v1/views',
      '/api/v1/watches',
      '/api/v1/notifications',
      '/api/v1/api-keys',
      '/api/v1/users',
      '/api/v1/routing/agents',
      `/api/v1/conversations/${own.conversation}/messages`,
    ]) {
      const { items } = await bodyOf<{ items: { id: string }[] }>(await ws.call('GET', path, { token: ws.tokens.admin }), 200);
      expect(items.filter((item) => foreignIds.has(item.id)), path).toEqual([]);
    }
  });

  it('refuses bodies that point at another org’s objects as if they did not exist', async () => {
    const asAgent = (method: string, path: string, body: object) => ws.call(method, path, { token: ws.tokens.agent, body });
    expect((await asAgent('POST', '/api/v1/conversations', { customerId: other.ids.customer, name: 'x' })).status).toBe(400);
    expect((await asAgent('POST', '/api/v1/customers', { name: 'x', companyId: other.ids.company })).status).toBe(400);
    expect((await asAgent('POST', `/api/v1/conversations/${own.conversation}/routing/assign`, { assignedUsers: [other.ids.user] })).status).toBe(400);
    // A watch of another org's conversation or customer: no such subject here.
    expect((await asAgent('POST', '/api/v1/watches', { subject: { type: 'conversation', id: other.ids.conversation } })).status).toBe(404);
    expect((await asAgent('POST', '/api/v1/watches', { subject: { type: 'customer', id: other.ids.customer } })).status).toBe(404);
  });
});
