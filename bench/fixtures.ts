import { newUlid, type AuditContext } from '../backend/audit/context';
import { createEntity } from '../backend/audit/engine';
import { hashPassword } from '../backend/auth/passwords';
import { userEntity } from '../backend/auth/user-entity';
import { bootstrap } from '../backend/bootstrap';
import { organizations } from '../backend/db/schema';
import { createLogger } from '../backend/logger';

export interface BenchUser {
  orgId: string;
  email: string;
  password: string;
}

export interface BenchWorkspace {
  orgId: string;
  token: string;
  user: { id: string; name: string };
  customerId: string;
  conversationIds: string[];
}

/** Someone who can sign in to the benchmark's workspace. */
export interface BenchPerson {
  id: string;
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'lead' | 'agent';
}

/**
 * Creates the organization and `people` on the database file before the
 * server starts. Nothing in the API creates an organization (and
 * AUDITDESK_SEED=none seeds nothing), so this goes through the audit engine
 * the way the test harness does; the database is closed again afterwards.
 */
export async function seedBenchOrg(
  databaseUrl: string,
  /** `email` defaults to `bench-<role>@bench.example` (emails are unique across workspaces: give one when seeding several). */
  people: Array<{ role: BenchPerson['role']; name: string; email?: string }>,
): Promise<{ orgId: string; people: BenchPerson[] }> {
  const deps = await bootstrap({ databaseUrl, synchronous: 'FULL', log: createLogger('silent') });
  try {
    const orgId = newUlid();
    const password = 'bench password, not a secret';
    const passwordHash = await hashPassword(password);
    const ctx: AuditContext = {
      orgId,
      actor: { type: 'system', id: null, name: 'Benchmark setup' },
      source: { requestId: null, ip: null, userAgent: null, apiKeyId: null },
      now: deps.now,
      newId: deps.newId,
    };
    const made = await deps.writes.run(async (tx) => {
      await tx.insert(organizations).values({ id: orgId, name: 'Bench Support', createdAt: deps.now() });
      const rows: BenchPerson[] = [];
      for (const { role, name, email = `bench-${role}@bench.example` } of people) {
        const row = await createEntity(tx, ctx, userEntity, { email, name, role, passwordHash, disabledAt: null });
        rows.push({ id: row.id, email, name, password, role });
      }
      return rows;
    });
    return { orgId, people: made };
  } finally {
    deps.db.close();
  }
}

/** The write benchmark's workspace: one agent. */
export async function seedAgent(databaseUrl: string): Promise<BenchUser> {
  const { orgId, people } = await seedBenchOrg(databaseUrl, [{ role: 'agent', name: 'Bench Agent' }]);
  const [agent] = people as [BenchPerson];
  return { orgId, email: agent.email, password: agent.password };
}

/** Signs the agent in and creates a customer and `count` conversations, all through the HTTP API. */
export async function prepareWorkspace(baseUrl: string, agent: BenchUser, count: number): Promise<BenchWorkspace> {
  const login = await callApi<{ token: string; user: { id: string; name: string } }>(baseUrl, 'POST', '/api/v1/auth/login', null, {
    email: agent.email,
    password: agent.password,
  });
  const customer = await callApi<{ id: string }>(baseUrl, 'POST', '/api/v1/customers', login.token, { name: 'Bench Customer' });
  const conversationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const conversation = await callApi<{ id: string }>(baseUrl, 'POST', '/api/v1/conversations', login.token, {
      customerId: customer.id,
      name: `Bench conversation ${i + 1}`,
    });
    conversationIds.push(conversation.id);
  }
  return { orgId: agent.orgId, token: login.token, user: login.user, customerId: customer.id, conversationIds };
}

/** One JSON request to the API; throws unless it answers 2xx. */
export async function callApi<T>(baseUrl: string, method: string, path: string, token: string | null, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
