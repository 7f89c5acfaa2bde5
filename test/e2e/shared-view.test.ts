import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage as ApiPage } from '../../shared/audit-event';
import type { Role } from '../../shared/enums';
import { AuditPage } from './support/audit-page';
import { EMAILS, PASSWORD } from './support/backend';
import { conversationWithHistory } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { type E2eSession, startSession } from './support/session';

/*
 * A view the admin saves and shares opens for a lead with only what a
 * lead's role reads: the rows are the API's rows for the lead, never a
 * settings row.
 */

let session: E2eSession;

const apiIds = async (role: Role, query: string) =>
  (await session.backend.api[role].json<ApiPage>('GET', `/api/v1/audit?limit=200&${query}`)).items.map((event) => event.id);

async function signInAs(role: Role): Promise<void> {
  const popup = await PopupPage.open(session.ext);
  await popup.signOut();
  await popup.signIn({ backendUrl: session.backend.url, email: EMAILS[role], password: PASSWORD });
  await popup.close();
}

/** The categories of the rows shown, as the admin's API tells them. */
async function categoriesOf(ids: string[]): Promise<Set<string>> {
  const all = await session.backend.api.admin.json<ApiPage>('GET', '/api/v1/audit?limit=200');
  return new Set(all.items.filter((event) => ids.includes(event.id)).map((event) => event.category));
}

/** Waits until the page shows the first of `expected` and returns what it shows (the list renders a window). */
async function shownFor(page: AuditPage, expected: string[]): Promise<string[]> {
  await page.waitForFirstEventIds(expected.slice(0, 3));
  return page.eventIds();
}

beforeAll(async () => {
  session = await startSession();
  const { admin } = session.backend.api;
  await conversationWithHistory(session.backend);
  const rule = await admin.json<{ id: string }>('POST', '/api/v1/business-rules', {
    name: 'Route VIPs',
    trigger: { on: 'conversation.created' },
    criteria: { all: [{ property: 'tags', contains: 'vip' }] },
  });
  await admin.json('PATCH', `/api/v1/business-rules/${rule.id}`, { name: 'Route VIP customers' });
  await session.signInExtension('admin');
});
afterAll(async () => {
  await session?.close();
});

describe("a shared view saved by the admin, opened by a lead", () => {
  it("shows the lead only the lead's categories: the API's rows for the lead, no settings rows", async () => {
    const adminPage = await AuditPage.open(session.ext);
    // Settings + Conversation, and a view of the whole log (no category).
    await adminPage.typeQuery('type:settings type:conversation');
    const adminExpected = await apiIds('admin', 'category=settings&category=conversation');
    expect(await categoriesOf(adminExpected)).toEqual(new Set(['settings', 'conversation']));
    expect(await shownFor(adminPage, adminExpected)).toEqual(adminExpected.slice(0, (await adminPage.eventIds()).length));
    await adminPage.saveView('Settings and conversations', { shared: true });
    await adminPage.typeQuery('');
    await adminPage.waitForFirstEventIds((await apiIds('admin', '')).slice(0, 3));
    await adminPage.saveView('Everything', { shared: true });
    await adminPage.close();

    await signInAs('lead');
    const leadPage = await AuditPage.open(session.ext);
    expect(await leadPage.viewDetails('Settings and conversations')).toMatch(/only the event types your role reads/);

    await leadPage.applyView('Settings and conversations');
    const narrowed = await apiIds('lead', 'category=conversation');
    expect(narrowed.length).toBeGreaterThan(0);
    const shown = await shownFor(leadPage, narrowed);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(narrowed.slice(0, shown.length));
    expect(await categoriesOf(shown)).toEqual(new Set(['conversation']));

    await leadPage.applyView('Everything');
    const everything = await apiIds('lead', '');
    const shownAll = await shownFor(leadPage, everything);
    expect(shownAll).toEqual(everything.slice(0, shownAll.length));
    const categories = await categoriesOf(shownAll);
    expect(categories.has('settings')).toBe(false);
    expect([...categories].every((category) => ['customer', 'conversation', 'work_session'].includes(category))).toBe(true);
    await leadPage.close();
  });
});
