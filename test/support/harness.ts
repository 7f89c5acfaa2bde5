import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../backend/app';
import { generateSigningKey } from '../../backend/audit/checkpoints/key';
import { newUlid } from '../../backend/audit/context';
import { createEntity } from '../../backend/audit/engine';
import type { AuditContext } from '../../backend/audit/context';
import { hashPassword } from '../../backend/auth/passwords';
import type { AuthPolicy } from '../../backend/auth/policy';
import { userEntity } from '../../backend/auth/user-entity';
import { bootstrap } from '../../backend/bootstrap';
import { organizations } from '../../backend/db/schema';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import type { Role } from '../../shared/enums';

export const PASSWORD = 'correct horse battery';

export interface TestWorkspace {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  orgId: string;
  /** Tokens by role, signed in through the real login route. */
  tokens: Record<Role, string>;
  users: Record<Role, { id: string; name: string }>;
  /** The workspace's session cookie for a session token (the workspace reads only its cookie, the API only the bearer). */
  sessionCookie(token: string): string;
  /** `app.request` with JSON and a bearer token. */
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<Response>;
  /** The system context, for writing fixtures through the audit engine. */
  systemCtx(): AuditContext;
  close(): void;
}

/**
 * A fresh app on a fresh database, with one org and a user of each role.
 * The database is a temporary file, as in production (a writer, a reader
 * pool and the read worker), removed at `close()`; a test passes
 * `databaseUrl` only to say where, or `:memory:` with a comment saying why.
 */
export async function createTestWorkspace(
  options: { databaseUrl?: string; now?: () => Date; policy?: Partial<AuthPolicy> } = {},
): Promise<TestWorkspace> {
  const tempDir = options.databaseUrl === undefined ? mkdtempSync(join(tmpdir(), 'auditdesk-test-')) : undefined;
  const deps = await bootstrap({
    databaseUrl: options.databaseUrl ?? `file:${join(tempDir!, 'auditdesk.db')}`,
    // TEST_LOG_LEVEL=error shows what a 500 hid.
    log: createLogger((process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'silent'),
    // A key of this test only; deps.signing holds it for checking signatures.
    signing: generateSigningKey(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const app = createApp(deps);
  const orgId = newUlid();
  const systemCtx = (): AuditContext => ({
    orgId,
    actor: { type: 'system', id: null, name: 'Test fixture' },
    source: { requestId: null, ip: null, userAgent: null, apiKeyId: null },
    now: deps.now,
    newId: deps.newId,
  });
  const passwordHash = await hashPassword(PASSWORD);
  const users = await deps.writes.run(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Test Support', createdAt: deps.now() });
    const made = {} as Record<Role, { id: string; name: string }>;
    for (const role of ['agent', 'lead', 'admin'] as const) {
      const name = `${role[0]!.toUpperCase()}${role.slice(1)} Person`;
      const user = await createEntity(tx, systemCtx(), userEntity, {
        email: `${role}@test.example`,
        name,
        role,
        passwordHash,
        disabledAt: null,
      });
      made[role] = { id: user.id, name };
    }
    return made;
  });

  const call = callerOf(app);

  const tokens = {} as Record<Role, string>;
  for (const role of ['agent', 'lead', 'admin'] as const) {
    const res = await call('POST', '/api/v1/auth/login', { body: { email: `${role}@test.example`, password: PASSWORD } });
    if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
    tokens[role] = ((await res.json()) as { token: string }).token;
  }

  const sessionCookie = (token: string) => `${deps.lucia.sessionCookieName}=${token}`;

  return { deps, app, orgId, tokens, users, call, sessionCookie, systemCtx, close };

  function close() {
    deps.db.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

/** A test's way to call an app: JSON in and out, with the token of whoever calls. */
export function callerOf(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }): TestWorkspace['call'] {
  return async (method, path, opts = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
}
