import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage as ApiPage } from '../../shared/audit-event';
import { AuditPage } from './support/audit-page';
import { EMAILS, NAMES, PASSWORD } from './support/backend';
import { PopupPage } from './support/popup-page';
import { type ConversationFixture, conversationWithHistory } from './support/fixtures';
import { type E2eSession, startSession } from './support/session';

/*
 * The admin's audit page (the extension's options page) against a real
 * backend: the seed's Filter form, the qualifier search box and the URL
 * say the same filter, and the rows are the API's rows for it.
 */

let session: E2eSession;
let conversation: ConversationFixture;
let page: AuditPage;

const ids = (page: ApiPage) => page.items.map((event) => event.id);
const apiIds = async (query: string) => ids(await session.backend.api.admin.json<ApiPage>('GET', `/api/v1/audit?limit=200&${query}`));

beforeAll(async () => {
  session = await startSession();
  const { admin } = session.backend.api;
  conversation = await conversationWithHistory(session.backend);
  await conversationWithHistory(session.backend, 'Another conversation');
  const rule = await admin.json<{ id: string }>('POST', '/api/v1/business-rules', {
    name: 'Route VIPs',
    trigger: { on: 'conversation.created' },
    criteria: { all: [{ property: 'tags', contains: 'vip' }] },
  });
  await admin.json('PATCH', `/api/v1/business-rules/${rule.id}`, { name: 'Route VIP customers' });
  await session.signInExtension('admin');
  page = await AuditPage.open(session.ext);
});
afterAll(async () => {
  await session?.close();
});

describe('the audit page for an admin', () => {
  it('opens on the whole workspace log, newest first, as the API answers it, with no role sentence', async () => {
    const expected = await apiIds('');
    const shown = await page.eventIds();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown).toEqual(expected.slice(0, shown.length));
    expect(await page.roleNote()).toBeNull();
  });

  it("shows the API's rows for Conversation + its id, and for Conversation + id + user", async () => {
    await page.applyForm({ eventType: 'conversation', conversation: conversation.id });
    const expected = await apiIds(`category=conversation&conversation=${conversation.id}`);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(await page.waitForEventIds(expected)).toEqual(expected);

    const lead = NAMES.lead;
    await page.applyForm({ eventType: 'conversation', conversation: conversation.id, user: lead });
    const byLead = await apiIds(`category=conversation&conversation=${conversation.id}&actor=${encodeURIComponent(lead)}`);
    expect(byLead.length).toBeGreaterThanOrEqual(2);
    expect(await page.waitForEventIds(byLead)).toEqual(byLead);
  });

  it("offers customers by name as the name is typed, and shows the API's rows for Customer + that name", async () => {
    const { admin } = session.backend.api;
    const customer = await admin.json<{ name: string }>('GET', `/api/v1/customers/${conversation.customerId}`);
    await page.applyForm({ eventType: 'customer', customer: customer.name.slice(0, 6) });
    await page.page.waitForFunction(
      (name: string) => [...document.querySelectorAll('[data-testid="filter-customer-options"] option')].some((option) => (option as HTMLOptionElement).value === name),
      { timeout: 10_000 },
      customer.name,
    );
    await page.applyForm({ eventType: 'customer', customer: customer.name });
    const expected = await apiIds(`category=customer&customer=${encodeURIComponent(customer.name)}`);
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect(await page.waitForEventIds(expected)).toEqual(expected);
  });

  it("shows the API's rows for Settings → Business Rules", async () => {
    await page.applyForm({ eventType: 'settings', section: 'business_rules' });
    const expected = await apiIds('category=settings&section=business_rule');
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(await page.waitForEventIds(expected)).toEqual(expected);
  });

  it('says beside the field that a required criterion is empty, and keeps the rows', async () => {
    const before = await page.eventIds();
    await page.applyForm({ eventType: 'conversation', conversation: '' });
    expect(await page.fieldError('conversation')).toBe('Conversation is required for this event type');
    expect(await page.eventIds()).toEqual(before);
  });

  it('gives the same rows and URL for a qualifier query as for the same form filter', async () => {
    await page.applyForm({ eventType: 'conversation', conversation: conversation.id });
    const fromForm = await page.waitForEventIds(await apiIds(`category=conversation&conversation=${conversation.id}`));
    const formUrl = await page.search();

    await page.searchFor('type:settings');
    await page.waitForEventIds(await apiIds('category=settings'));
    await page.searchFor(`type:conversation conversation:${conversation.id}`);
    expect(await page.waitForEventIds(fromForm)).toEqual(fromForm);
    expect(await page.search()).toBe(formUrl);
    expect(await page.queryText()).toBe(`type:conversation conversation:${conversation.id}`);
  });

  it('restores the filter from the URL on reload, and walks back and forward through filters', async () => {
    await page.applyForm({ eventType: 'settings', section: 'business_rules' });
    const rules = await page.waitForEventIds(await apiIds('category=settings&section=business_rule'));
    await page.reload();
    expect(await page.waitForEventIds(rules)).toEqual(rules);
    expect(await page.page.$eval('[data-testid="filter-section"]', (select) => (select as HTMLSelectElement).value)).toBe('business_rules');

    await page.searchFor(`conversation:${conversation.id}`);
    const conversationRows = await page.waitForEventIds(await apiIds(`conversation=${conversation.id}`));
    await page.page.goBack();
    expect(await page.waitForEventIds(rules)).toEqual(rules);
    await page.page.goForward();
    expect(await page.waitForEventIds(conversationRows)).toEqual(conversationRows);
  });

  it('sets the date range by dragging across the chart, and shows the rows of that range', async () => {
    await page.searchFor(`conversation:${conversation.id}`);
    await page.waitForEventIds(await apiIds(`conversation=${conversation.id}`));
    await page.dragChart(0.5, 1);
    await page.page.waitForFunction(() => new URLSearchParams(location.search).has('from'), { timeout: 10_000 });
    const params = new URLSearchParams(await page.search());
    expect(params.get('conversation')).toBe(conversation.id);
    expect(Date.parse(params.get('from')!)).toBeLessThan(Date.now());
    expect(Date.parse(params.get('to')!)).toBeGreaterThan(Date.now() - 3_600_000);
    const expected = await apiIds(params.toString());
    expect(expected.length).toBeGreaterThan(0);
    expect(await page.waitForEventIds(expected)).toEqual(expected);
    expect(await page.queryText()).toMatch(/after:\S+ before:\S+/);
  });

  it('says what is wrong with a malformed query and where', async () => {
    await page.searchFor('section:business_rule actor:"Ana');
    const error = await page.queryError();
    expect(error).toMatch(/quote/i);
    expect(error).toMatch(/at character 29/);
  });

  it('opens the drawer with Enter, shows the other rows of the change, and closes with Escape', async () => {
    await page.searchFor(`conversation:${conversation.id}`);
    const rows = await page.waitForEventIds(await apiIds(`conversation=${conversation.id}`));
    await page.page.focus('[data-testid="virtual-list"]');
    await page.page.keyboard.press('j');
    await page.page.keyboard.press('Enter');
    await page.page.waitForSelector(`[data-testid="event-drawer"][data-event-id="${rows[0]}"]`, { timeout: 10_000 });
    await page.page.keyboard.press('Escape');
    expect(await page.drawerOpen()).toBe(false);

    // A change that wrote several rows: the drawer of one lists the others.
    await session.backend.api.lead.patchConversation(conversation.id, { priority: 'low', name: 'Refund for order 1182 (checked)' });
    await page.searchFor(`conversation:${conversation.id} event:update`);
    const all = (await session.backend.api.admin.json<ApiPage>('GET', `/api/v1/audit?limit=200&conversation=${conversation.id}`)).items;
    const sizes = new Map<string, number>();
    all.forEach((event) => sizes.set(event.changeId, (sizes.get(event.changeId) ?? 0) + 1));
    const wide = all.find((event) => (sizes.get(event.changeId) ?? 0) > 1);
    expect(wide, 'a change of several rows').toBeDefined();
    await page.openDrawer(wide!.id);
    await page.page.waitForFunction(
      (n: number) => document.querySelectorAll('[data-testid="event-change-rows"] li').length === n,
      { timeout: 10_000 },
      sizes.get(wide!.changeId)! - 1,
    );
  });

  it('excludes a value with one click in the drawer', async () => {
    await page.searchFor(`conversation:${conversation.id}`);
    const rows = await page.waitForEventIds(await apiIds(`conversation=${conversation.id}`));
    await page.openDrawer(rows[0]!);
    await page.page.locator('[data-testid="exclude-event"]').click();
    const event = (await session.backend.api.admin.json<ApiPage>('GET', `/api/v1/audit?limit=200&conversation=${conversation.id}`)).items[0]!.event;
    expect(await page.queryText()).toBe(`conversation:${conversation.id} -event:${event}`);
    expect(await page.search()).toBe(`conversation=${conversation.id}&notEvent=${event}`);
  });

  it('live tail puts a change made in another tab on top, without moving the row being read, and says how many are new', async () => {
    // The whole log: longer than the table, so the rows being read can stay where they are.
    await page.searchFor('');
    const before = await page.waitForFirstEventIds((await apiIds('')).slice(0, 5));
    await page.setLiveTail(true);
    // The reader is on the third row.
    await page.page.focus('[data-testid="virtual-list"]');
    for (let i = 0; i < 3; i += 1) await page.page.keyboard.press('j');
    const reading = before[2]!;
    const yBefore = await page.rowTop(reading);

    const tab = await session.workspaceTab('admin');
    await tab.openConversation(conversation.id);
    const { status } = await session.backend.api.admin.getConversation(conversation.id);
    await tab.changeStatus(status === 'done' ? 'open' : 'done');
    // Back to the audit page's tab, as the reader would.
    await page.page.bringToFront();
    expect(await page.newEventsNotice()).toMatch(/^\d+ new events?$/);
    const newest = (await apiIds(`conversation=${conversation.id}&property=status`))[0]!;
    expect(newest).toBeDefined();
    await page.page.waitForSelector(`[data-testid="log-row"][data-event-id="${newest}"]`, { timeout: 10_000 });
    expect(await page.rowTop(reading)).toBe(yBefore);

    // "N new events" takes the reader up to them.
    await page.page.locator('[data-testid="live-new"]').click();
    const shown = await page.eventIds();
    expect(shown[0]).toBe((await apiIds(''))[0]);
    expect(shown).toContain(newest);
    await page.setLiveTail(false);
    await tab.close();
  });
});

describe('the audit page for an agent', () => {
  it('shows only customer and conversation rows and says why', async () => {
    const popup = await PopupPage.open(session.ext);
    await popup.signOut();
    await popup.signIn({ backendUrl: session.backend.url, email: EMAILS.agent, password: PASSWORD });
    await popup.close();
    const agentPage = await AuditPage.open(session.ext);
    const expected = ids(await session.backend.api.agent.json<ApiPage>('GET', '/api/v1/audit?limit=200'));
    const shown = await agentPage.eventIds();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.slice(0, shown.length));
    const categories = new Set(
      (await session.backend.api.admin.json<ApiPage>('GET', '/api/v1/audit?limit=200')).items.filter((event) => shown.includes(event.id)).map((event) => event.category),
    );
    expect([...categories].every((category) => category === 'customer' || category === 'conversation')).toBe(true);
    expect(await agentPage.roleNote()).toMatch(/agent you see customer and conversation events only/);
    const types = await agentPage.page.$$eval('[data-testid="filter-event-type"] option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(types).toEqual(['all', 'conversation', 'customer']);
    await agentPage.close();
  });
});
