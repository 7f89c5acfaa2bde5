import type { ApiKeyScope } from '../../shared/permissions';
import { createAsAdmin } from './fixtures';
import type { TestWorkspace } from './harness';

/** An API key holding exactly `scopes`, created by the admin. */
export function keyWithScopes(ws: TestWorkspace, scopes: ApiKeyScope[], name = 'Helpdesk sync'): Promise<{ id: string; secret: string }> {
  return createAsAdmin<{ id: string; secret: string }>(ws, '/api/v1/api-keys', { name, kind: 'api', scopes });
}

/** A valid ingested event happening `minutesAgo` before the workspace's clock, with `overrides`. */
export function sampleEvent(ws: TestWorkspace, overrides: Record<string, unknown> = {}, minutesAgo = 5): Record<string, unknown> {
  return {
    id: 'evt-1',
    actor: { type: 'api', id: '77', name: 'Helpdesk trigger' },
    event: 'update',
    category: 'customer',
    section: 'customer',
    subject: { type: 'customer', id: 'hd-customer-9', label: 'Ana Ruiz' },
    property: 'tier',
    before: 'silver',
    after: 'gold',
    occurredAt: new Date(ws.deps.now().getTime() - minutesAgo * 60_000).toISOString(),
    ...overrides,
  };
}
