import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiClientError } from '../../shared/api-client';
import { startRealServer, type RealServer } from '../http/real-server';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
let server: RealServer;
beforeEach(async () => {
  ws = await createTestWorkspace();
  server = await startRealServer(ws);
});
afterEach(async () => {
  await server.close();
  ws.close();
});

const clientOf = (role: 'admin' | 'lead') => new ApiClient({ baseUrl: server.url(''), token: ws.tokens[role] });

describe('the API client’s saved views, over real HTTP', () => {
  it('saves, shares, makes default and deletes a view, as the extension’s background does', async () => {
    const admin = clientOf('admin');
    const lead = clientOf('lead');
    const saved = await admin.createView({ name: 'Settings changes', filter: 'category=settings&event=update', shared: false, default: false });
    expect(await lead.views()).toEqual([]);

    await admin.updateView(saved.id, { shared: true });
    const chosen = await lead.updateView(saved.id, { default: true });
    expect(chosen).toMatchObject({ mine: false, default: true, narrowed: true, readableFilter: null });

    const refusal = await lead.deleteView(saved.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiClientError);
    expect(refusal).toMatchObject({ status: 403, code: 'forbidden' });

    await admin.deleteView(saved.id);
    expect(await lead.views()).toEqual([]);
  });
});
