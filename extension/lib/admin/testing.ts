import type { AdminUser, ApiKey, Checkpoint, InboundWebhook, IntegrityStatus, StreamDestination, StreamHealth, Verification } from '../../../shared/api-client';
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
    scopes: ['entities:read', 'entities:write', 'audit:read', 'routing:write'],
    createdAt: '2026-11-01T09:30:00.000Z',
    revokedAt: null,
    ...overrides,
  };
}

export function checkpoint(overrides: Partial<Checkpoint> = {}): Checkpoint {
  return {
    id: '01JD00000000000000000000P1',
    seq: 42,
    hash: '3f2a'.repeat(16),
    signedAt: '2026-12-03T11:00:00.000Z',
    previous: null,
    keyId: '0123456789abcdef',
    reason: 'schedule',
    digest: 'cd'.repeat(32),
    payload: '{"hash":"3f2a","keyId":"0123456789abcdef","orgId":"o1","previous":null,"seq":42,"signedAt":"2026-12-03T11:00:00.000Z","v":1}',
    signature: 'c2lnbmF0dXJl',
    ...overrides,
  };
}

export function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    id: '01JD00000000000000000000V1',
    ok: true,
    checked: 42,
    firstBadSequence: null,
    reason: null,
    trigger: 'schedule',
    startedAt: '2026-12-03T11:30:00.000Z',
    finishedAt: '2026-12-03T11:30:01.000Z',
    fromSequence: 1,
    toSequence: 42,
    checkpointId: '01JD00000000000000000000P1',
    ...overrides,
  };
}

export function integrityStatus(overrides: Partial<IntegrityStatus> = {}): IntegrityStatus {
  return {
    head: { seq: 45, hash: '9c1d'.repeat(16) },
    anchor: null,
    lastVerification: verification(),
    latestCheckpoint: checkpoint(),
    signingKey: { algorithm: 'Ed25519', keyId: '0123456789abcdef', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n' },
    schedule: { checkpointMinutes: 60, verifyMinutes: 60 },
    ...overrides,
  };
}

export function streamHealth(overrides: Partial<StreamHealth> = {}): StreamHealth {
  return {
    state: 'caught_up',
    position: 120,
    headSeq: 120,
    lagEvents: 0,
    lagSeconds: 0,
    deliveredCount: 118,
    lastSuccessAt: '2026-12-03T11:58:00.000Z',
    lastErrorAt: null,
    lastError: null,
    failingSince: null,
    nextAttemptAt: null,
    attempts: 0,
    currentFile: null,
    ...overrides,
  };
}

export function streamDestination(overrides: Partial<StreamDestination> = {}): StreamDestination {
  return {
    id: '01JD00000000000000000000D1',
    name: 'SIEM',
    kind: 'webhook',
    url: 'https://siem.example.com/hooks/auditdesk',
    directory: null,
    rotateBytes: null,
    rotateMinutes: null,
    filter: {},
    pauseAfterMinutes: 4_320,
    status: 'active',
    pausedReason: null,
    createdAt: '2026-12-03T09:00:00.000Z',
    updatedAt: '2026-12-03T09:00:00.000Z',
    health: streamHealth(),
    ...overrides,
  };
}

export function inboundWebhook(overrides: Partial<InboundWebhook> = {}): InboundWebhook {
  return {
    id: '01JD00000000000000000000W1',
    name: 'Kustomer',
    source: 'kustomer',
    url: 'http://127.0.0.1:8787/api/v1/hooks/helpdesk/01JD00000000000000000000W1',
    createdAt: '2026-12-03T09:00:00.000Z',
    revokedAt: null,
    lastReceivedAt: null,
    lastRefusedAt: null,
    lastRefusal: null,
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
    updateApiKey: notExpected('updateApiKey'),
    rotateApiKey: notExpected('rotateApiKey'),
    revokeApiKey: notExpected('revokeApiKey'),
    getRetention: notExpected('getRetention'),
    setRetention: notExpected('setRetention'),
    getIntegrity: notExpected('getIntegrity'),
    verifyLog: notExpected('verifyLog'),
    signCheckpoint: notExpected('signCheckpoint'),
    downloadCheckpoint: notExpected('downloadCheckpoint'),
    listStreamDestinations: notExpected('listStreamDestinations'),
    createStreamDestination: notExpected('createStreamDestination'),
    updateStreamDestination: notExpected('updateStreamDestination'),
    pauseStreamDestination: notExpected('pauseStreamDestination'),
    resumeStreamDestination: notExpected('resumeStreamDestination'),
    rotateStreamDestinationSecret: notExpected('rotateStreamDestinationSecret'),
    deleteStreamDestination: notExpected('deleteStreamDestination'),
    listInboundWebhooks: notExpected('listInboundWebhooks'),
    createInboundWebhook: notExpected('createInboundWebhook'),
    rotateInboundWebhookSecret: notExpected('rotateInboundWebhookSecret'),
    revokeInboundWebhook: notExpected('revokeInboundWebhook'),
    saveFile: () => {
      throw new Error('saveFile was not expected in this test');
    },
    copy: notExpected('copy'),
    now: () => NOW,
    watchSession: () => () => undefined,
    ...overrides,
  };
}
