import type { ElementHandle, Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './chromium';

const WAIT_MS = 10_000;

const testid = (id: string) => `[data-testid="${id}"]`;

/** What the seed's Filter form takes: an Event Type and that type's criteria. */
export interface FormInput {
  eventType: 'all' | 'authorization' | 'billing' | 'conversation' | 'customer' | 'settings' | 'work_session';
  user?: string;
  conversation?: string;
  customer?: string;
  /** Searches, Shortcuts, Business Rules, Access, Workflows: `searches`, `shortcuts`, `business_rules`, `access`, `workflows`. */
  section?: string;
  from?: string;
  to?: string;
}

/**
 * The audit page (the extension's options page, `options.html`): the Audit
 * log section with its Filter form, search box, table, drawer and live
 * tail. One helper per screen; other parts of the page add theirs here.
 */
export class AuditPage {
  private constructor(readonly page: Page) {}

  /** Opens the page in a new tab, with `search` (the filter's parameters, no `?`) in its URL; waits for the first rows. */
  static async open(ext: ExtensionBrowser, search = ''): Promise<AuditPage> {
    const page = await ext.browser.newPage();
    const audit = new AuditPage(page);
    await page.goto(ext.extensionUrl(`options.html${search ? `?${search}` : ''}`));
    await audit.waitForLoaded();
    return audit;
  }

  /** Waits until the log has answered (rows, "no events", or an error). */
  async waitForLoaded(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const status = document.querySelector('[data-testid="log-status"]')?.textContent ?? '';
        return (status !== '' && status !== 'Loading…') || document.querySelector('[data-testid="log-error"], [data-testid="log-signed-out"]') !== null;
      },
      { timeout: WAIT_MS },
    );
  }

  /** The ids of the rows the table shows, top first (the rendered window: enough for a short log). */
  eventIds(): Promise<string[]> {
    return this.page.$$eval(testid('log-row'), (rows) => rows.map((row) => row.getAttribute('data-event-id') ?? ''));
  }

  /** Waits until the table shows exactly these rows, in this order, and returns them. */
  async waitForEventIds(expected: string[]): Promise<string[]> {
    await this.page
      .waitForFunction(
        (ids: string[]) => {
          const shown = [...document.querySelectorAll('[data-testid="log-row"]')].map((row) => row.getAttribute('data-event-id'));
          return shown.length === ids.length && shown.every((id, index) => id === ids[index]);
        },
        { timeout: WAIT_MS },
        expected,
      )
      .catch(() => undefined);
    return this.eventIds();
  }

  /** Waits until the table's first rows are these (a long log shows only its first rows), and returns every row shown. */
  async waitForFirstEventIds(expected: string[]): Promise<string[]> {
    await this.page.waitForFunction(
      (ids: string[]) => {
        const shown = [...document.querySelectorAll('[data-testid="log-row"]')].map((row) => row.getAttribute('data-event-id'));
        return ids.every((id, index) => shown[index] === id);
      },
      { timeout: WAIT_MS },
      expected,
    );
    return this.eventIds();
  }

  /** The sentence that says why a role sees part of the log (none for admins). */
  async roleNote(): Promise<string | null> {
    const note = await this.page.$(testid('role-note'));
    return note ? note.evaluate((element) => element.textContent) : null;
  }

  /** The page's query string (the filter), without `?`. */
  search(): Promise<string> {
    return this.page.evaluate(() => location.search.replace(/^\?/, ''));
  }

  /** Fills the Filter form and presses Apply Filters. */
  async applyForm(input: FormInput): Promise<void> {
    await this.page.locator(testid('filter-event-type')).setTimeout(WAIT_MS).fill(input.eventType);
    // Each criterion the chosen type shows is filled, an unnamed one emptied (the form keeps what was typed across types).
    for (const name of ['user', 'conversation', 'customer'] as const) {
      if (await this.page.$(testid(`filter-${name}`))) await this.type(testid(`filter-${name}`), input[name] ?? '');
    }
    if (input.section !== undefined) await this.page.locator(testid('filter-section')).setTimeout(WAIT_MS).fill(input.section);
    if (input.from !== undefined) await this.type(testid('filter-from'), input.from);
    if (input.to !== undefined) await this.type(testid('filter-to'), input.to);
    await this.page.locator(testid('filter-apply')).setTimeout(WAIT_MS).click();
  }

  /** Replaces a text field's value as a person would: select all, delete, type (which also empties a field). */
  private async type(selector: string, value: string): Promise<void> {
    const field = await this.page.waitForSelector(selector, { timeout: WAIT_MS });
    await field!.click({ count: 3 });
    await field!.evaluate((input) => (input as HTMLInputElement).select());
    await this.page.keyboard.press('Backspace');
    if (value !== '') await this.page.keyboard.type(value);
  }

  /** The message beside a form field, if any. */
  async fieldError(name: 'user' | 'conversation' | 'customer' | 'section' | 'from' | 'to'): Promise<string | null> {
    const error = await this.page.$(testid(`filter-${name}-error`));
    return error ? error.evaluate((element) => element.textContent) : null;
  }

  /** Types a qualifier query into the search box (after `/` focuses it) and presses Enter. */
  async searchFor(query: string): Promise<void> {
    await this.page.locator(testid('virtual-list')).setTimeout(WAIT_MS).click();
    await this.page.keyboard.press('/');
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('a');
    await this.page.keyboard.up('Control');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(query);
    await this.page.keyboard.press('Enter');
  }

  /** Types a qualifier query into the search box itself (a click on it) and presses Enter. */
  async typeQuery(query: string): Promise<void> {
    await this.type(testid('log-query'), query);
    await this.page.keyboard.press('Enter');
  }

  /** The search box's text. */
  queryText(): Promise<string> {
    return this.page.$eval(testid('log-query'), (input) => (input as HTMLInputElement).value);
  }

  /** The search box's error, if the query is malformed. */
  async queryError(): Promise<string | null> {
    const error = await this.page.waitForSelector(testid('log-query-error'), { timeout: WAIT_MS }).catch(() => null);
    return error ? error.evaluate((element) => element.textContent) : null;
  }

  /** Drags across the activity chart from one fraction of its width to another (0 = left edge, 1 = right edge). */
  async dragChart(from: number, to: number): Promise<void> {
    const svg = await this.page.waitForSelector(`${testid('activity-chart')} svg`, { timeout: WAIT_MS });
    const box = await svg!.boundingBox();
    if (!box) throw new Error('the chart is not on screen');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * to - 1, y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Where the row with this id is on screen (px from the top of the viewport). */
  async rowTop(eventId: string): Promise<number> {
    const row = await this.page.waitForSelector(`${testid('log-row')}[data-event-id="${eventId}"]`, { timeout: WAIT_MS });
    return Math.round((await row!.boundingBox())!.y);
  }

  /** Switches the live tail on or off. */
  async setLiveTail(on: boolean): Promise<void> {
    const box = await this.page.waitForSelector(testid('live-tail'), { timeout: WAIT_MS });
    const checked = await box!.evaluate((input) => (input as HTMLInputElement).checked);
    if (checked !== on) await box!.click();
    if (on) await this.page.waitForFunction(() => document.querySelector('[data-testid="live-status"]')?.textContent === 'live', { timeout: WAIT_MS });
  }

  /** The "N new events" button's text, once it shows. */
  async newEventsNotice(): Promise<string> {
    const notice = await this.page.waitForSelector(testid('live-new'), { timeout: WAIT_MS });
    return notice!.evaluate((element) => element.textContent ?? '');
  }

  /** Opens the detail drawer of the row with this id (a click on it). */
  async openDrawer(eventId: string): Promise<void> {
    await this.page.locator(`${testid('log-row')}[data-event-id="${eventId}"]`).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(`${testid('event-drawer')}[data-event-id="${eventId}"]`, { timeout: WAIT_MS });
  }

  /** Whether the drawer is open. */
  async drawerOpen(): Promise<boolean> {
    return (await this.page.$(testid('event-drawer'))) !== null;
  }

  /** Saves the current filter as a view named `name` from the Views menu, shared with the workspace or not; waits until the menu lists it. */
  async saveView(name: string, options: { shared: boolean }): Promise<void> {
    await this.openViews();
    await this.type(testid('view-name'), name);
    const shared = await this.page.waitForSelector(testid('view-new-shared'), { timeout: WAIT_MS });
    if ((await shared!.evaluate((input) => (input as HTMLInputElement).checked)) !== options.shared) await shared!.click();
    await this.page.locator(`${testid('view-save-form')} button[type="submit"]`).setTimeout(WAIT_MS).click();
    await this.viewItem(name);
  }

  /** Applies the view named `name` from the Views menu. */
  async applyView(name: string): Promise<void> {
    await this.openViews();
    const item = await this.viewItem(name);
    const apply = await item.$(testid('view-apply'));
    await apply!.click();
  }

  /** The text beside a view in the menu (whose it is, and whether the viewer's role narrows it). */
  async viewDetails(name: string): Promise<string> {
    await this.openViews();
    const item = await this.viewItem(name);
    return item.$eval('.views__details', (element) => element.textContent ?? '');
  }

  private async openViews(): Promise<void> {
    const toggle = await this.page.waitForSelector(testid('views-toggle'), { timeout: WAIT_MS });
    if ((await toggle!.evaluate((button) => button.getAttribute('aria-expanded'))) !== 'true') await toggle!.click();
    await this.page.waitForSelector(testid('view-save-form'), { timeout: WAIT_MS });
  }

  private async viewItem(name: string): Promise<ElementHandle<Element>> {
    const handle = await this.page.waitForFunction(
      (view: string) =>
        [...document.querySelectorAll('[data-testid="view-item"]')].find(
          (item) => item.querySelector('[data-testid="view-apply"]')?.firstChild?.textContent?.trim() === view,
        ) ?? null,
      { timeout: WAIT_MS },
      name,
    );
    const item = handle.asElement();
    if (!item) throw new Error(`no view named ${name}`);
    return item as ElementHandle<Element>;
  }

  /**
   * "Watch this filter" or "Alert on a threshold" on the page's filter, with
   * a threshold's count, minutes and per-actor counting; returns what the
   * form then says (the watch made, or the refusal in its words).
   */
  async watchFilter(options: { threshold?: { count: number; minutes: number; perActor: boolean }; name?: string } = {}): Promise<{ ok: boolean; text: string }> {
    await this.openWatchForm(options.threshold ? 'threshold' : 'filter');
    if (options.threshold) {
      await this.type(testid('watch-count'), String(options.threshold.count));
      await this.type(testid('watch-minutes'), String(options.threshold.minutes));
      const perActor = await this.page.waitForSelector(testid('watch-per-actor'), { timeout: WAIT_MS });
      if ((await perActor!.evaluate((input) => (input as HTMLInputElement).checked)) !== options.threshold.perActor) await perActor!.click();
    }
    if (options.name !== undefined) await this.type(testid('watch-name'), options.name);
    await this.page.locator(testid('watch-save')).setTimeout(WAIT_MS).click();
    const answer = await this.page.waitForSelector(`${testid('watch-created')}, ${testid('watch-error')}`, { timeout: WAIT_MS });
    const ok = await answer!.evaluate((el) => el.getAttribute('data-testid') === 'watch-created');
    return { ok, text: (await answer!.evaluate((el) => el.textContent ?? '')).replace(/\s+/g, ' ').trim() };
  }

  /** The event types the watch form offers (their ids), and its note on those the role does not read (null when none). */
  async watchCategoriesOffered(): Promise<{ offered: string[]; leftOut: string | null }> {
    await this.openWatchForm('filter');
    const offered = await this.page.$$eval('[data-testid^="watch-category-"]', (boxes) => boxes.map((box) => box.getAttribute('data-testid')!.replace('watch-category-', '')));
    const note = await this.page.$(testid('watch-left-out'));
    return { offered, leftOut: note ? await note.evaluate((el) => el.textContent ?? '') : null };
  }

  private async openWatchForm(kind: 'filter' | 'threshold'): Promise<void> {
    const button = await this.page.waitForSelector(testid(kind === 'filter' ? 'watch-filter' : 'watch-threshold'), { timeout: WAIT_MS });
    if ((await button!.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true') await button!.click();
    await this.page.waitForSelector(testid('watch-form'), { timeout: WAIT_MS });
  }

  /** The Settings section's navigation link. */
  async goToSettings(): Promise<void> {
    await this.page.locator(testid('nav-settings')).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(testid('settings'), { timeout: WAIT_MS });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForLoaded();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
