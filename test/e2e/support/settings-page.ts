import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './chromium';

const WAIT_MS = 10_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/** The options page's Settings section (options.html#settings), as an admin or anyone else sees it. */
export class SettingsPage {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser): Promise<SettingsPage> {
    const page = await ext.browser.newPage();
    await page.goto(ext.extensionUrl('options.html#settings'));
    await page.waitForSelector(`${testid('settings')}[aria-busy="false"]`, { timeout: WAIT_MS });
    return new SettingsPage(page);
  }

  /** Waits for the admin's settings (retention, users, API keys) and answers whether they are shown. */
  async showsAdminSettings(): Promise<boolean> {
    return (await this.page.$(testid('settings-admin'))) !== null;
  }

  /** The sentence a non-admin reads instead of the workspace's settings. */
  async whyNoSettings(): Promise<string> {
    return this.textOf(this.page, testid('settings-not-admin'));
  }

  /** Who the connection block says is signed in. */
  signedInAs(): Promise<string> {
    return this.textOf(this.page, testid('settings-signed-in-as'));
  }

  private userRow(email: string): string {
    return `${testid('user-row')}[data-email="${email}"]`;
  }

  /** The user's row as shown: lock status and failures. */
  async userLock(email: string): Promise<{ locked: boolean; status: string; failures: string }> {
    const row = await this.page.waitForSelector(this.userRow(email), { timeout: WAIT_MS });
    if (!row) throw new Error(`no row for ${email}`);
    return row.evaluate((el) => ({
      locked: el.getAttribute('data-locked') === 'true',
      status: el.querySelector('[data-testid="user-lock"]')?.textContent ?? '',
      failures: el.querySelector('[data-testid="user-failures"]')?.textContent ?? '',
    }));
  }

  /** Clicks Unlock on the user's row and waits until the row says they are no longer locked. */
  async unlock(email: string): Promise<void> {
    await this.page.locator(`${this.userRow(email)} ${testid('user-unlock')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(`${this.userRow(email)}[data-locked="false"]`, { timeout: WAIT_MS });
  }

  /** Disables the user (confirming it) and waits until the row says so. */
  async disable(email: string): Promise<void> {
    await this.page.locator(`${this.userRow(email)} ${testid('user-toggle-disabled')}`).setTimeout(WAIT_MS).click();
    await this.page.locator(`${this.userRow(email)} ${testid('user-confirm-disable')}`).setTimeout(WAIT_MS).click();
    await this.waitForUserState(email, 'Disabled');
  }

  async enable(email: string): Promise<void> {
    await this.page.locator(`${this.userRow(email)} ${testid('user-toggle-disabled')}`).setTimeout(WAIT_MS).click();
    await this.waitForUserState(email, 'Active');
  }

  /** Picks a role for the user and waits until the backend's answer shows it. */
  async changeRole(email: string, role: string): Promise<void> {
    await this.page.select(`${this.userRow(email)} ${testid('user-role')}`, role);
    // The row's role is the backend's answer, not the select's.
    await this.page.waitForSelector(`${this.userRow(email)}[data-role="${role}"]`, { timeout: WAIT_MS });
  }

  private async waitForUserState(email: string, state: string): Promise<void> {
    await this.page.waitForFunction(
      (selector, wanted) => document.querySelector(selector)?.textContent === wanted,
      { timeout: WAIT_MS },
      `${this.userRow(email)} ${testid('user-state')}`,
      state,
    );
  }

  /** Creates an API key through the form (with exactly `scopes` ticked, when given) and answers the secret shown once. */
  async createApiKey(name: string, kind: string, scopes?: readonly string[]): Promise<string> {
    await this.page.locator(testid('key-name')).setTimeout(WAIT_MS).fill(name);
    await this.page.select(testid('key-kind'), kind);
    if (scopes) await this.tickScopes(testid('key-new-scopes'), scopes);
    await this.page.locator(testid('key-create')).setTimeout(WAIT_MS).click();
    return this.textOf(this.page, testid('key-secret'));
  }

  /** The key rows: name and whether each is revoked. */
  async apiKeys(): Promise<Array<{ name: string; revoked: boolean }>> {
    return this.page.$$eval(testid('key-row'), (rows) =>
      rows.map((row) => ({ name: row.querySelector('th')?.textContent?.trim() ?? '', revoked: row.getAttribute('data-revoked') === 'true' })),
    );
  }

  /** The scopes the named key's row shows. */
  async apiKeyScopes(name: string): Promise<string[]> {
    const row = await this.keyRow(name);
    return this.page.$$eval(`${row} ${testid('key-scopes')} li`, (items) => items.map((item) => item.textContent?.trim() ?? ''));
  }

  /** Changes the named key's scopes to exactly `scopes` from its row, and waits until the row shows them. */
  async setApiKeyScopes(name: string, scopes: readonly string[]): Promise<void> {
    const row = await this.keyRow(name);
    await this.page.locator(`${row} ${testid('key-edit-scopes')}`).setTimeout(WAIT_MS).click();
    await this.tickScopes(`${row} fieldset`, scopes);
    await this.page.locator(`${row} ${testid('key-scopes-save')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction(
      (selector, wanted) => [...document.querySelectorAll(`${selector} li`)].map((li) => li.textContent?.trim()).join(' ') === wanted,
      { timeout: WAIT_MS },
      `${row} ${testid('key-scopes')}`,
      scopes.join(' '),
    );
  }

  /** Clicks the checkboxes inside `picker` whose state differs from `scopes`. */
  private async tickScopes(picker: string, scopes: readonly string[]): Promise<void> {
    await this.page.waitForSelector(`${picker} input[type="checkbox"]`, { timeout: WAIT_MS });
    const boxes = await this.page.$$(`${picker} input[type="checkbox"]`);
    for (const box of boxes) {
      const [value, checked] = await box.evaluate((el) => [(el as HTMLInputElement).value, (el as HTMLInputElement).checked] as const);
      if (checked !== scopes.includes(value)) await box.click();
    }
  }

  /** Rotates the named key (confirming it) and answers the new secret shown once. */
  async rotateApiKey(name: string): Promise<string> {
    const row = await this.keyRow(name);
    const before = await this.page.$eval(testid('key-secret'), (el) => el.textContent ?? '').catch(() => null);
    await this.page.locator(`${row} ${testid('key-rotate')}`).setTimeout(WAIT_MS).click();
    await this.page.locator(`${row} ${testid('key-confirm')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction(
      (selector, previous) => {
        const text = document.querySelector(selector)?.textContent;
        return text && text !== previous;
      },
      { timeout: WAIT_MS },
      testid('key-secret'),
      before,
    );
    return this.textOf(this.page, testid('key-secret'));
  }

  /** Revokes the named key (confirming it) and waits until its row says revoked. */
  async revokeApiKey(name: string): Promise<void> {
    const row = await this.keyRow(name);
    await this.page.locator(`${row} ${testid('key-revoke')}`).setTimeout(WAIT_MS).click();
    await this.page.locator(`${row} ${testid('key-confirm')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(`${row}[data-revoked="true"]`, { timeout: WAIT_MS });
  }

  /** The selector of the named key's row. */
  private async keyRow(name: string): Promise<string> {
    const id = await this.page.$$eval(
      testid('key-row'),
      (rows, wanted) => rows.find((row) => row.querySelector('th')?.textContent?.trim() === wanted)?.getAttribute('data-key-id') ?? null,
      name,
    );
    if (!id) throw new Error(`no API key named ${name}`);
    return `${testid('key-row')}[data-key-id="${id}"]`;
  }

  /** Sets the workspace's retention and one event type's, saves, and waits for "Saved." */
  async saveRetention(days: number, category: string, categoryDays: number): Promise<void> {
    await this.page.locator(testid('retention-days')).setTimeout(WAIT_MS).fill(String(days));
    await this.page.locator(testid(`retention-${category}`)).setTimeout(WAIT_MS).fill(String(categoryDays));
    await this.page.locator(testid('retention-save')).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(testid('retention-saved'), { timeout: WAIT_MS });
  }

  close(): Promise<void> {
    return this.page.close();
  }

  private async textOf(page: Page, selector: string): Promise<string> {
    const handle = await page.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
    if (!handle) throw new Error(`${selector} is not on the settings page`);
    return (await handle.evaluate((el) => el.textContent ?? '')).trim();
  }
}
