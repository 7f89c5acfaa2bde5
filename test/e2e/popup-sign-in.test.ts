import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAILS, NAMES, PASSWORD } from './support/backend';
import { PopupPage } from './support/popup-page';
import { type E2eSession, startSession } from './support/session';

let session: E2eSession;
beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('the popup', () => {
  it("signs in with the backend URL, email and password and shows the user's name and role", async () => {
    const popup = await PopupPage.open(session.ext);
    const shown = await popup.signIn({ backendUrl: session.backend.url, email: EMAILS.lead, password: PASSWORD });
    expect(shown.user).toContain(NAMES.lead);
    expect(shown.role.toLowerCase()).toContain('lead');

    // The session lives in the background, not in the popup: a new popup still shows it.
    await popup.close();
    const reopened = await PopupPage.open(session.ext);
    expect((await reopened.signedInAs()).user).toContain(NAMES.lead);
    await reopened.signOut();
    await reopened.close();
  });

  it("shows the backend's one generic message for a wrong password, and stays signed out", async () => {
    const expected = await fetch(`${session.backend.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAILS.agent, password: 'not the password' }),
    });
    expect(expected.status).toBe(401);
    const { error } = (await expected.json()) as { error: { message: string } };

    const popup = await PopupPage.open(session.ext);
    await popup.submitSignIn({ backendUrl: session.backend.url, email: EMAILS.agent, password: 'still not the password' });
    expect(await popup.errorText()).toContain(error.message);
    expect(await popup.page.$('[data-testid="popup-user"]')).toBeNull();
    await popup.close();
  });
});
