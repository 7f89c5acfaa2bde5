import type { AuthPolicy } from '../../backend/auth/policy';
import { createApp } from '../../backend/app';
import { bootstrap } from '../../backend/bootstrap';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';
import { callerOf, createTestWorkspace, type TestWorkspace } from './harness';
import { type Sqld, startSqld } from './sqld';

/** Another Auditdesk instance on the database of a first one: its own connection, write queue and app. */
export interface SecondInstance {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  call: TestWorkspace['call'];
  close(): void;
}

/** What both instances are configured with, as two processes given the same environment would be. */
export interface InstanceOptions {
  now?: () => Date;
  policy?: Partial<AuthPolicy>;
}

/**
 * A second instance on the libSQL server at `databaseUrl` that `first` uses,
 * as a second process behind a load balancer would be: it shares nothing
 * with `first` but the database and the signing key (every instance must
 * sign with the same key).
 */
export async function startSecondInstance(first: TestWorkspace, databaseUrl: string, options: InstanceOptions = {}): Promise<SecondInstance> {
  const deps = await bootstrap({
    databaseUrl,
    log: createLogger((process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'silent'),
    signing: first.deps.signing,
    ...(options.now ? { now: options.now } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const app = createApp(deps);
  const call = callerOf(app);
  return { deps, app, call, close: () => deps.db.close() };
}

/** A real libSQL server with two instances on it: A made the test workspace, B is the second process. */
export interface TwoInstances {
  sqld: Sqld;
  a: TestWorkspace;
  b: SecondInstance;
  stop(): Promise<void>;
}

export async function startTwoInstances(options: InstanceOptions = {}): Promise<TwoInstances> {
  const sqld = await startSqld();
  try {
    const a = await createTestWorkspace({ databaseUrl: sqld.url, ...options });
    const b = await startSecondInstance(a, sqld.url, options);
    return {
      sqld,
      a,
      b,
      async stop() {
        b.close();
        a.close();
        await sqld.stop();
      },
    };
  } catch (error) {
    await sqld.stop();
    throw error;
  }
}
