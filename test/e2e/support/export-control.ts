import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './chromium';

const WAIT_MS = 20_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/**
 * The export control (ExportButton) on the extension's options page, opened
 * with a filter in its URL's query as the audit page keeps it.
 */
export class ExportControl {
  private constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser, filter: URLSearchParams): Promise<ExportControl> {
    const page = await ext.browser.newPage();
    await page.goto(ext.extensionUrl(`options.html?${filter}`));
    await page.waitForSelector(testid('export-start'), { timeout: WAIT_MS });
    return new ExportControl(page);
  }

  async chooseFormat(format: 'csv' | 'jsonl'): Promise<void> {
    await this.page.select(testid('export-format'), format);
  }

  async start(): Promise<void> {
    await this.page.locator(testid('export-start')).setTimeout(WAIT_MS).click();
  }

  /** What the control says once the export has ended: "Saved 12 rows as …". */
  async result(): Promise<string> {
    await this.page.waitForFunction(
      (status: string, error: string) => Boolean(document.querySelector(status)?.textContent || document.querySelector(error)),
      { timeout: WAIT_MS },
      testid('export-status'),
      testid('export-error'),
    );
    const error = await this.page.$(testid('export-error'));
    if (error) throw new Error(`the export failed: ${await error.evaluate((el) => el.textContent)}`);
    return this.page.$eval(testid('export-status'), (el) => (el.textContent ?? '').trim());
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
