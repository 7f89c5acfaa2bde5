import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './chromium';

const WAIT_MS = 10_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

export interface Credentials {
  backendUrl: string;
  email: string;
  password: string;
}

/**
 * The toolbar popup (popup.html), opened as a normal tab: headless Chromium
 * has no toolbar to click, and the page is the same either way.
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<PopupPage> {
    const page = await ext.browser.newPage();
    await page.goto(ext.extensionUrl('popup.html'));
    return new PopupPage(page);
  }

  /** Fills the sign-in form (replacing any remembered backend URL) and submits it. */
  async submitSignIn(credentials: Credentials): Promise<void> {
    await this.page.locator(testid('popup-backend-url')).setTimeout(WAIT_MS).fill(credentials.backendUrl);
    await this.page.locator(testid('popup-email')).setTimeout(WAIT_MS).fill(credentials.email);
    await this.page.locator(testid('popup-password')).setTimeout(WAIT_MS).fill(credentials.password);
    await this.page.locator(testid('popup-sign-in')).setTimeout(WAIT_MS).click();
  }

  /** Signs in and waits until the popup shows who is signed in. */
  async signIn(credentials: Credentials): Promise<{ user: string; role: string }> {
    await this.submitSignIn(credentials);
    return this.signedInAs();
  }

  /** The name (or email) and role the popup shows once signed in. */
  async signedInAs(): Promise<{ user: string; role: string }> {
    return { user: await this.textOf('popup-user'), role: await this.textOf('popup-role') };
  }

  /** The error the popup shows after a failed sign-in. */
  errorText(): Promise<string> {
    return this.textOf('popup-error');
  }

  async signOut(): Promise<void> {
    await this.page.locator(testid('popup-sign-out')).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(testid('popup-sign-in'), { timeout: WAIT_MS });
  }

  /** The notifications listed, newest first: id, whether marked unread, and the text. */
  async notifications(): Promise<Array<{ id: string; unread: boolean; text: string }>> {
    await this.page.waitForSelector(`${testid('popup-notifications')}, ${testid('popup-no-notifications')}`, { timeout: WAIT_MS });
    return this.page.$$eval(testid('popup-notification'), (items) =>
      items.map((item) => ({ id: (item as HTMLElement).dataset.id ?? '', unread: (item as HTMLElement).dataset.unread === 'true', text: item.textContent ?? '' })),
    );
  }

  /** The popup's "N unread", or null when it shows none. */
  async unreadCount(): Promise<number | null> {
    const handle = await this.page.$(testid('popup-unread-count'));
    return handle ? Number.parseInt(await handle.evaluate((el) => el.textContent ?? ''), 10) : null;
  }

  /** Mark all read, then waits until no notification is marked unread. */
  async markAllRead(): Promise<void> {
    await this.page.locator(testid('popup-read-all')).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, { timeout: WAIT_MS }, '[data-testid="popup-notification"][data-unread="true"]');
  }

  close(): Promise<void> {
    return this.page.close();
  }

  private async textOf(id: string): Promise<string> {
    const handle = await this.page.waitForSelector(testid(id), { visible: true, timeout: WAIT_MS });
    if (!handle) throw new Error(`${id} is not in the popup`);
    return (await handle.evaluate((el) => el.textContent ?? '')).trim();
  }
}
