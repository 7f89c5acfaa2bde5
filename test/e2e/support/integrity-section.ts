import type { Page } from 'puppeteer-core';

const WAIT_MS = 20_000;

function testid(id: string): string {
  return `[data-testid="${id}"]`;
}

/** The Settings page's Log integrity section, as an admin sees it. */
export class IntegritySection {
  private constructor(private readonly page: Page) {}

  /** Waits until the section has loaded what the backend answered. */
  static async on(page: Page): Promise<IntegritySection> {
    await page.waitForSelector(`${testid('settings-integrity')}[aria-busy="false"]`, { timeout: WAIT_MS });
    return new IntegritySection(page);
  }

  /** The last verification as shown: when and how it ran, and what it found. */
  async lastVerification(): Promise<{ when: string; result: string }> {
    return {
      when: await this.textOf(testid('integrity-verification-when')),
      result: await this.textOf(testid('integrity-verification-result')),
    };
  }

  /** Presses Verify now (`full`: of the whole chain) and answers the new run's result once it is shown. */
  async verifyNow(options: { full?: boolean } = {}): Promise<string> {
    const full = testid('integrity-full');
    if ((await this.page.$eval(full, (el) => (el as HTMLInputElement).checked)) !== Boolean(options.full)) await this.page.click(full);
    const shownRun = () => this.page.$eval(testid('integrity-verification'), (el) => el.getAttribute('data-verification-id'));
    const before = await shownRun();
    await this.page.locator(testid('integrity-verify')).setTimeout(WAIT_MS).click();
    await this.page.waitForFunction(
      (selector, previous) => {
        const id = document.querySelector(selector)?.getAttribute('data-verification-id');
        return Boolean(id) && id !== previous;
      },
      { timeout: WAIT_MS },
      testid('integrity-verification'),
      before,
    );
    return this.textOf(testid('integrity-verification-result'));
  }

  /** Presses Sign a checkpoint now and answers the id of the checkpoint then shown. */
  async signNow(): Promise<string> {
    const before = await this.shownCheckpointId();
    await this.page.locator(testid('integrity-sign')).setTimeout(WAIT_MS).click();
    const handle = await this.page.waitForFunction(
      (selector, previous) => {
        const id = document.querySelector(selector)?.getAttribute('data-checkpoint-id');
        return id && id !== previous ? id : null;
      },
      { timeout: WAIT_MS },
      testid('integrity-checkpoint-facts'),
      before,
    );
    return (await handle.jsonValue()) as string;
  }

  /** The id of the checkpoint the section shows, or null. */
  shownCheckpointId(): Promise<string | null> {
    return this.page.$eval(testid('integrity-checkpoint-facts'), (el) => el.getAttribute('data-checkpoint-id')).catch(() => null);
  }

  /** The sequence the shown checkpoint signs, as the section writes it. */
  checkpointSequence(): Promise<string> {
    return this.textOf(testid('integrity-checkpoint-seq'));
  }

  /** Presses Download (the caller waits for the file) and then for the section's "Saved as …". */
  async download(): Promise<void> {
    await this.page.locator(testid('integrity-download')).setTimeout(WAIT_MS).click();
  }

  async savedAs(): Promise<string> {
    return this.textOf(testid('integrity-saved'));
  }

  /** The key id shown and where the link to the public key points. */
  async signingKey(): Promise<{ keyId: string; href: string }> {
    return {
      keyId: await this.textOf(testid('integrity-key-id')),
      href: await this.page.$eval(testid('integrity-key-link'), (el) => el.getAttribute('href') ?? ''),
    };
  }

  private async textOf(selector: string): Promise<string> {
    const handle = await this.page.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
    if (!handle) throw new Error(`${selector} is not in the Log integrity section`);
    return (await handle.evaluate((el) => el.textContent ?? '')).trim();
  }
}
