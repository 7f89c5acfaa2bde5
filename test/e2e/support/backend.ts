import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../backend/app';
import { type AuditContext, newUlid } from '../../../backend/audit/context';
import { createEntity } from '../../../backend/audit/engine';
import { hashPassword } from '../../../backend/auth/passwords';
import { userEntity } from '../../../backend/auth/user-entity';
import { bootstrap } from '../../../backend/bootstrap';
import { organizations } from '../../../backend/db/schema';
import { serveApp } from '../../../backend/http/serve';
import { createStreamWorker } from '../../../backend/integration/streams/worker';
import { createLogger } from '../../../backend/logger';
import type { Role } from '../../../shared/enums';
import { ApiClient } from './api';

/** The demo workspace's sign-in names and password, so the e2e steps read like the README's. */
export const PASSWORD = 'auditdesk-demo';
export const EMAILS = { admin: 'admin@demo.test', lead: 'lead@demo.test', agent: 'agent@demo.test' } as const satisfies Record<Role, string>;
export const NAMES = { admin: 'Ada Admin', lead: 'Lee Lead', agent: 'Alex Agent' } as const satisfies Record<Role, string>;

export interface E2eBackend {
  /** http://127.0.0.1:PORT */
  url: string;
  /** One API client per role, signed in through POST /auth/login over HTTP. */
  api: Record<Role, ApiClient>;
  /** The database file the backend serves from, for a test that changes it behind the backend's back. */
  databaseFile: string;
  stop(): Promise<void>;
}

/**
 * The real backend (createApp served as `npm start` serves it, with its stream worker) on 127.0.0.1
 * and a free port, on a fresh temporary database file (what production runs:
 * writer, reader and read worker) with one organization and a user
 * of each role. Everything else a test needs it makes through the HTTP API,
 * as a person or an integration would. Faster than the demo seed (~10 s),
 * which would also make every history depend on a random walk.
 */
export async function startBackend(): Promise<E2eBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'auditdesk-e2e-'));
  const databaseFile = join(dir, 'auditdesk.db');
  const deps = await bootstrap({
    databaseUrl: `file:${databaseFile}`,
    // E2E_LOG_LEVEL=error shows what a 500 hid.
    log: createLogger((process.env.E2E_LOG_LEVEL as 'error' | undefined) ?? 'silent'),
    // Every sign-in (popup, workspace form, API) comes from 127.0.0.1.
    policy: { loginAttemptsPerIpPerMinute: 1_000 },
  });
  await seedPeople(deps);
  const running = await serveApp(createApp(deps), { port: 0, hostname: '127.0.0.1' });
  // Stream destinations are delivered as the server does it (backend/index.ts), polled often so a test need not wait.
  const streams = createStreamWorker(deps, { root: join(dir, 'streams'), pollMs: 50 });
  streams.start();
  const url = `http://127.0.0.1:${running.port}`;
  const stop = async () => {
    // Closes open live streams too: the extension keeps one open while a panel watches.
    running.server.closeAllConnections();
    await running.close();
    await streams.stop();
    await deps.writes.whenIdle();
    deps.db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const api = {} as Record<Role, ApiClient>;
    for (const role of ['admin', 'lead', 'agent'] as const) api[role] = await ApiClient.signIn(url, EMAILS[role], PASSWORD);
    return { url, api, databaseFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Nothing in the API creates an organization, so it and its people go in through the audit engine (as test/support/harness.ts does). */
async function seedPeople(deps: Awaited<ReturnType<typeof bootstrap>>): Promise<void> {
  const orgId = newUlid();
  const ctx: AuditContext = {
    orgId,
    actor: { type: 'system', id: null, name: 'E2E fixture' },
    source: { requestId: null, ip: null, userAgent: null, apiKeyId: null },
    now: deps.now,
    newId: deps.newId,
  };
  const passwordHash = await hashPassword(PASSWORD);
  await deps.writes.run(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Demo Support', createdAt: deps.now() });
    for (const role of ['admin', 'lead', 'agent'] as const) {
      await createEntity(tx, ctx, userEntity, { email: EMAILS[role], name: NAMES[role], role, passwordHash, disabledAt: null });
    }
  });
}
