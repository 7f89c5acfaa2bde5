import type { AdminUser, ApiKey } from '../../../shared/api-client';
import type { AdminDeps } from './admin-deps';

/** Test data and dependencies for the Settings models (no browser, no backend). */

export const NOW = Date.parse('2026-12-03T12:00:00.000Z');

export function adminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: '01JD00000000000000000000S1',
    email: 'alex@demo.test',
    name: 'Alex Agent',
    role: 'agent',
    disabledAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    lock: { lockedUntil: null, failures: 0, lockouts: 0, failuresThisHour: 0 },
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: '01JD00000000000000000000K1',
    name: 'Shopify sync',
    kind: 'api',
    prefix: 'adk_abc123',
    createdAt: '2026-11-01T09:30:00.000Z',
    revokedAt: null,
    ...overrides,
  };
}

const notExpected = (name: string) => async (): Promise<never> => {
  throw new Error(`${name} was not expected in this test`);
};

/** Every dependency throws unless the test gives it. */
export function fakeAdminDeps(overrides: Partial<AdminDeps> = {}): AdminDeps {
  return {
    getSession: notExpected('getSession'),
    signOut: notExpected('signOut'),
    listUsers: notExpected('listUsers'),
    updateUser: notExpected('updateUser'),
    unlockUser: notExpected('unlockUser'),
    listApiKeys: notExpected('listApiKeys'),
    createApiKey: notExpected('createApiKey'),
    rotateApiKey: notExpected('rotateApiKey'),
    revokeApiKey: notExpected('revokeApiKey'),
    getRetention: notExpected('getRetention'),
    setRetention: notExpected('setRetention'),
    copy: notExpected('copy'),
    now: () => NOW,
    watchSession: () => () => undefined,
    ...overrides,
  };
}
