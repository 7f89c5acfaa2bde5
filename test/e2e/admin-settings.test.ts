import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAILS, NAMES, PASSWORD } from './support/backend';
import { PopupPage } from './support/popup-page';
import { type E2eSession, startSession } from './support/session';
import { SettingsPage } from './support/settings-page';

/*
 * The options page's Settings, driven as an admin and as an agent, against
 * the real backend: what the admin does there must hold in the backend
 * (a user unlocked signs in, a key created authenticates, a key revoked no
 * longer does); an agent is shown none of it.
 */

let session: E2eSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

async function signInStatus(email: string, password: string): Promise<number> {
  const res = await fetch(`${session.backend.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

async function meWith(secret: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${session.backend.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: res.status, body: await res.json() };
}

describe('the Settings section, as an admin', () => {
  let settings: SettingsPage;
  beforeAll(async () => {
    await session.signInExtension('admin');
    settings = await SettingsPage.open(session.ext);
  });
  afterAll(async () => {
    await settings?.close();
  });

  it('unlocks a locked user, who can then sign in', async () => {
    // Five wrong passwords lock the agent: even the right one is refused now.
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await signInStatus(EMAILS.agent, 'not the password')).toBe(401);
    expect(await signInStatus(EMAILS.agent, PASSWORD)).toBe(401);

    await settings.page.reload();
    const before = await settings.userLock(EMAILS.agent);
    expect(before.locked).toBe(true);
    expect(before.status).toMatch(/^Locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(before.failures).toContain('5 failed sign-ins in a row');

    await settings.unlock(EMAILS.agent);

    expect((await settings.userLock(EMAILS.agent)).failures).toBe('No failed sign-ins');
    const tab = await session.workspaceTab('agent'); // throws if the workspace sign-in is refused
    await tab.page.close();
  });

  it('disables a user, whose session ends at once, enables them again and changes their role', async () => {
    const lead = session.backend.api.lead;
    expect((await lead.request('GET', '/api/v1/auth/me')).status).toBe(200);

    await settings.disable(EMAILS.lead);
    expect((await lead.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect(await signInStatus(EMAILS.lead, PASSWORD)).toBe(401);

    await settings.enable(EMAILS.lead);
    expect(await signInStatus(EMAILS.lead, PASSWORD)).toBe(200);

    await settings.changeRole(EMAILS.lead, 'agent');
    const users = await session.backend.api.admin.json<{ items: Array<{ email: string; role: string }> }>('GET', '/api/v1/users');
    expect(users.items.find((user) => user.email === EMAILS.lead)?.role).toBe('agent');
  });

  it('creates an API key whose secret, shown once, authenticates; rotating replaces the secret and revoking ends it', async () => {
    const secret = await settings.createApiKey('Order sync', 'workflow');
    const me = await meWith(secret);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: null });
    expect(await settings.apiKeys()).toContainEqual({ name: 'Order sync', revoked: false });

    const rotated = await settings.rotateApiKey('Order sync');
    expect(rotated).not.toBe(secret);
    expect((await meWith(secret)).status).toBe(401);
    expect((await meWith(rotated)).status).toBe(200);

    await settings.revokeApiKey('Order sync');
    expect((await meWith(rotated)).status).toBe(401);
  });

  it('creates a key with the scopes ticked, which the backend holds it to, and widens them from the key’s row', async () => {
    const secret = await settings.createApiKey('Lookup bot', 'api', ['entities:read']);
    expect(await settings.apiKeyScopes('Lookup bot')).toEqual(['entities:read']);
    const createCustomer = () =>
      fetch(`${session.backend.url}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Made by the bot' }),
      });
    const refused = await createCustomer();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { message: 'This API key lacks the scope entities:write.' } });

    await settings.setApiKeyScopes('Lookup bot', ['entities:read', 'entities:write']);
    expect((await createCustomer()).status).toBe(201);
  });

  it("saves the workspace's retention and an event type's own days as the backend then serves them", async () => {
    await settings.saveRetention(400, 'billing', 2555);
    const stored = await session.backend.api.admin.json('GET', '/api/v1/settings/retention');
    expect(stored).toEqual({ days: 400, categoryDays: { billing: 2555 } });
  });
});

describe('the Settings section, as an agent', () => {
  it('shows the agent no workspace settings and a plain sentence why', async () => {
    const settings = await SettingsPage.open(session.ext);
    expect(await settings.showsAdminSettings()).toBe(true); // still the admin's session

    const popup = await PopupPage.open(session.ext);
    await popup.signOut();
    await popup.signIn({ backendUrl: session.backend.url, email: EMAILS.agent, password: PASSWORD });
    await popup.close();

    // The page already open follows the new session; one opened now starts with it.
    for (const page of [settings, await SettingsPage.open(session.ext)]) {
      expect(await page.whyNoSettings()).toContain('You are signed in as an agent');
      expect(await page.signedInAs()).toContain(NAMES.agent);
      expect(await page.showsAdminSettings()).toBe(false);
      for (const block of ['settings-users', 'settings-api-keys', 'settings-retention', 'settings-integrity']) {
        expect(await page.page.$(`[data-testid="${block}"]`), block).toBeNull();
      }
      await page.close();
    }
  });
});
