import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});
afterAll(() => ws.close());

describe('GET /auth/me', () => {
  it("names the caller's workspace, so the extension can say which one a file or screen is about", async () => {
    const res = await ws.call('GET', '/api/v1/auth/me', { token: ws.tokens.agent });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orgId: ws.orgId, orgName: 'Test Support', user: { id: ws.users.agent.id } });
  });
});
