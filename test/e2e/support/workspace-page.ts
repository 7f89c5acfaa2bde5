import type { Browser, Page } from 'puppeteer-core';
import { conversationPath } from './fixtures';
import { Panel } from './panel';

const WAIT_MS = 10_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/**
 * One tab of the demo agent workspace (server-rendered HTML, cookie
 * session). The browser's cookie jar is shared by its tabs, so signing in
 * once serves every WorkspacePage of that browser.
 */
export class WorkspacePage {
  /** The audit panel the extension injects into this tab. */
  readonly panel: Panel;

  private constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.panel = new Panel(page);
  }

  static async open(browser: Browser, baseUrl: string): Promise<WorkspacePage> {
    return new WorkspacePage(await browser.newPage(), baseUrl);
  }

  /** Signs in through /workspace/login (the session cookie), as a person would. */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/workspace/login`);
    await this.page.locator(testid('login-email')).setTimeout(WAIT_MS).fill(email);
    await this.page.locator(testid('login-password')).setTimeout(WAIT_MS).fill(password);
    await Promise.all([this.page.waitForNavigation({ timeout: WAIT_MS }), this.page.locator(testid('login-submit')).click()]);
    if (new URL(this.page.url()).pathname.startsWith('/workspace/login')) {
      throw new Error(`workspace sign-in as ${email} failed`);
    }
  }

  async openConversation(id: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${conversationPath(id)}`);
    await this.page.waitForSelector(testid('conversation-page'), { timeout: WAIT_MS });
  }

  /** A new page load of the same URL (the workspace renders on the server: a reload shows the stored values). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.waitForSelector('main[data-testid]', { timeout: WAIT_MS });
  }

  /** The conversation's status as the page shows it ("Open", "Done"…). */
  status(): Promise<string> {
    return this.textOf('attr-status');
  }

  priority(): Promise<string> {
    return this.textOf('attr-priority');
  }

  /**
   * Picks a status and saves the form with the mouse: a form POST, after
   * which the page loads again. At this window size (1280 px wide) the open
   * panel moves the workspace aside instead of lying over its edit form, so
   * the clicks land on the page's own buttons (puppeteer clicks the middle of
   * the element, and would hit the panel if it covered it).
   */
  async changeStatus(status: 'open' | 'done'): Promise<void> {
    await this.page.locator(testid(`status-${status}`)).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction((selector: string) => document.querySelector<HTMLInputElement>(selector)?.checked === true, { timeout: WAIT_MS }, testid(`status-${status}`));
    await Promise.all([this.page.waitForNavigation({ timeout: WAIT_MS }), this.page.locator(testid('save-conversation')).setTimeout(WAIT_MS).click()]);
    await this.page.waitForSelector(testid('conversation-page'), { timeout: WAIT_MS });
  }

  /**
   * Marks the current document, so a test can tell afterwards whether the
   * page was loaded again (the mark is gone) or updated in place.
   */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      document.documentElement.dataset.e2eMark = 'unchanged';
    });
  }

  async wasReloaded(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.dataset.e2eMark !== 'unchanged');
  }

  close(): Promise<void> {
    return this.page.close();
  }

  private async textOf(id: string): Promise<string> {
    const handle = await this.page.waitForSelector(testid(id), { timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not on the page`);
    return (await handle.evaluate((el) => el.textContent ?? '')).trim();
  }
}
