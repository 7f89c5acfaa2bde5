import type { Page } from 'puppeteer-core';

const WAIT_MS = 20_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/** A stream destination's row as shown. */
export interface ShownDestination {
  id: string;
  status: string;
  state: string;
  health: string;
}

/** A helpdesk webhook's row as shown. */
export interface ShownWebhook {
  url: string;
  received: string;
  /** "Last refused … : why", or null when no request was refused. */
  refused: string | null;
  state: string;
}

/** The Settings page's Log streaming and Helpdesk webhooks sections, as an admin sees them. */
export class IntegrationsSection {
  private constructor(private readonly page: Page) {}

  /** Waits until Log streaming has shown what the backend answered. */
  static async on(page: Page): Promise<IntegrationsSection> {
    await page.waitForSelector(`${testid('settings-streams')}[aria-busy="false"]`, { timeout: WAIT_MS });
    await page.waitForSelector(testid('settings-helpdesk-webhooks'), { timeout: WAIT_MS });
    return new IntegrationsSection(page);
  }

  /** Adds a webhook destination through the form and answers its id and the secret shown once. */
  async addWebhookDestination(input: { name: string; url: string; startAt: 'now' | 'oldest' }): Promise<{ id: string; secret: string }> {
    const before = await this.destinationIds();
    await this.page.locator(testid('stream-add')).setTimeout(WAIT_MS).click();
    await this.page.select(testid('stream-kind'), 'webhook');
    await this.page.locator(testid('stream-name')).setTimeout(WAIT_MS).fill(input.name);
    await this.page.locator(testid('stream-url')).setTimeout(WAIT_MS).fill(input.url);
    await this.page.select(testid('stream-start'), input.startAt);
    await this.page.locator(testid('stream-save')).setTimeout(WAIT_MS).click();
    const secret = await this.textOf(testid('stream-secret'));
    const ids = await this.destinationIds();
    const id = ids.find((candidate) => !before.includes(candidate));
    if (!id) throw new Error('no new destination row appeared');
    return { id, secret };
  }

  /** Adds a JSON Lines file destination through the form (new files at `rotateKb` KB) and answers its id once its row is shown. */
  async addFileDestination(input: { name: string; directory: string; rotateKb: number }): Promise<string> {
    const before = await this.destinationIds();
    await this.page.locator(testid('stream-add')).setTimeout(WAIT_MS).click();
    await this.page.select(testid('stream-kind'), 'jsonl_file');
    await this.page.locator(testid('stream-name')).setTimeout(WAIT_MS).fill(input.name);
    await this.page.locator(testid('stream-directory')).setTimeout(WAIT_MS).fill(input.directory);
    await this.page.locator(testid('stream-new-rotate-size')).setTimeout(WAIT_MS).fill(String(input.rotateKb));
    await this.page.select(testid('stream-new-rotate-size-unit'), 'KB');
    await this.page.select(testid('stream-start'), 'oldest');
    await this.page.locator(testid('stream-save')).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction(
      (selector, count) => document.querySelectorAll(selector).length > count,
      { timeout: WAIT_MS },
      testid('stream-row'),
      before.length,
    );
    const id = (await this.destinationIds()).find((candidate) => !before.includes(candidate));
    if (!id) throw new Error('no new destination row appeared');
    return id;
  }

  /** The row's target and the file it says is being written. */
  async fileOf(id: string): Promise<{ target: string; file: string | null; secretShown: boolean }> {
    const row = await this.page.waitForSelector(this.row(id), { timeout: WAIT_MS });
    if (!row) throw new Error(`no row for destination ${id}`);
    const shown = await row.evaluate((el) => ({
      target: el.querySelector('[data-testid="stream-target"]')?.textContent ?? '',
      file: el.querySelector('[data-testid="stream-file"]')?.textContent ?? null,
    }));
    return { ...shown, secretShown: (await this.page.$(testid('stream-secret-panel'))) !== null };
  }

  /** Presses Done under the secret shown and waits until it is gone. */
  async dismissSecret(prefix: 'stream' | 'hook'): Promise<void> {
    await this.page.locator(testid(`${prefix}-secret-done`)).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(testid(`${prefix}-secret-panel`), { hidden: true, timeout: WAIT_MS });
  }

  destinationIds(): Promise<string[]> {
    return this.page.$$eval(testid('stream-row'), (rows) => rows.map((row) => row.getAttribute('data-stream-id') ?? ''));
  }

  private row(id: string): string {
    return `${testid('stream-row')}[data-stream-id="${id}"]`;
  }

  /** The destination's row as it is shown now. */
  async destination(id: string): Promise<ShownDestination> {
    const row = await this.page.waitForSelector(this.row(id), { timeout: WAIT_MS });
    if (!row) throw new Error(`no row for destination ${id}`);
    return row.evaluate((el, rowId) => ({
      id: rowId,
      status: el.getAttribute('data-status') ?? '',
      state: el.getAttribute('data-state') ?? '',
      health: el.querySelector('[data-testid="stream-health"]')?.textContent ?? '',
    }), id);
  }

  /** Waits (the section refreshes itself) until the destination's health line matches, and answers the row. */
  async waitForHealth(id: string, pattern: RegExp, timeoutMs = WAIT_MS): Promise<ShownDestination> {
    await this.page.waitForFunction(
      (selector, source, flags) => new RegExp(source, flags).test(document.querySelector(`${selector} [data-testid="stream-health"]`)?.textContent ?? ''),
      { timeout: timeoutMs },
      this.row(id),
      pattern.source,
      pattern.flags,
    );
    return this.destination(id);
  }

  /** Presses Pause on the destination and waits until its row says paused. */
  async pause(id: string): Promise<ShownDestination> {
    await this.page.locator(`${this.row(id)} ${testid('stream-pause')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(`${this.row(id)}[data-status="paused"]`, { timeout: WAIT_MS });
    return this.destination(id);
  }

  /** Presses Resume on the destination and waits until its row says active. */
  async resume(id: string): Promise<ShownDestination> {
    await this.page.locator(`${this.row(id)} ${testid('stream-resume')}`).setTimeout(WAIT_MS).click();
    await this.page.waitForSelector(`${this.row(id)}[data-status="active"]`, { timeout: WAIT_MS });
    return this.destination(id);
  }

  /** Creates a helpdesk webhook through the form and answers its id and the secret shown once. */
  async createHelpdeskWebhook(name: string, source: string): Promise<{ id: string; secret: string }> {
    await this.page.locator(testid('hook-name')).setTimeout(WAIT_MS).fill(name);
    await this.page.locator(testid('hook-source')).setTimeout(WAIT_MS).fill(source);
    await this.page.locator(testid('hook-create')).setTimeout(WAIT_MS).click();
    const secret = await this.textOf(testid('hook-secret'));
    const id = await this.page.$$eval(
      testid('hook-row'),
      (rows, wanted) => rows.find((row) => row.querySelector('th')?.textContent?.trim() === wanted)?.getAttribute('data-hook-id') ?? null,
      name,
    );
    if (!id) throw new Error(`no helpdesk webhook row named ${name}`);
    return { id, secret };
  }

  /** The helpdesk webhook's row as shown: the address to post to and its activity. */
  async helpdeskWebhook(id: string): Promise<ShownWebhook> {
    const row = await this.page.waitForSelector(`${testid('hook-row')}[data-hook-id="${id}"]`, { timeout: WAIT_MS });
    if (!row) throw new Error(`no row for helpdesk webhook ${id}`);
    return row.evaluate((el) => ({
      url: el.querySelector('[data-testid="hook-url"]')?.textContent ?? '',
      received: el.querySelector('[data-testid="hook-received"]')?.textContent ?? '',
      refused: el.querySelector('[data-testid="hook-refused"]')?.textContent ?? null,
      state: el.querySelector('[data-testid="hook-state"]')?.textContent ?? '',
    }));
  }

  /** Waits (the section refreshes itself) until the webhook's row satisfies `shows`, and answers it. */
  async waitForHelpdeskWebhook(id: string, shows: (row: ShownWebhook) => boolean): Promise<ShownWebhook> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const row = await this.helpdeskWebhook(id);
      if (shows(row)) return row;
      if (Date.now() > deadline) throw new Error(`helpdesk webhook ${id} still shows ${JSON.stringify(row)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Whether `text` appears anywhere on the page. */
  pageContains(text: string): Promise<boolean> {
    return this.page.evaluate((wanted) => document.body.textContent?.includes(wanted) ?? false, text);
  }

  private async textOf(selector: string): Promise<string> {
    const handle = await this.page.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
    if (!handle) throw new Error(`${selector} is not in the integrations sections`);
    return (await handle.evaluate((el) => el.textContent ?? '')).trim();
  }
}
