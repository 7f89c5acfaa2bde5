import type { WebWorker } from 'puppeteer-core';
import type { ExtensionBrowser } from './chromium';

/** A desktop notification as the service worker's registration lists it. */
export interface ShownNotification {
  tag: string;
  title: string;
  body: string;
  silent: boolean | null;
}

const WAIT_MS = 10_000;

/**
 * The extension's service worker, observed from outside: the desktop
 * notifications it shows (registration.getNotifications()) and its
 * toolbar badge. The worker may be stopped and started again by Chrome, so
 * each look finds the current one.
 */
export class ExtensionWorker {
  constructor(private readonly ext: ExtensionBrowser) {}

  /**
   * Lets the extension show notifications. Headless Chromium cannot answer
   * the permission prompt, so the test grants what a person would
   * (Browser.grantPermissions for the extension's origin).
   */
  async grantNotifications(): Promise<void> {
    await this.ext.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${this.ext.extensionId}`, ['notifications']);
  }

  /** The notifications on screen now. */
  async shown(): Promise<ShownNotification[]> {
    return (await this.worker()).evaluate(async () => {
      const registration = (self as unknown as { registration: ServiceWorkerRegistration }).registration;
      return (await registration.getNotifications()).map((n) => ({ tag: n.tag, title: n.title, body: n.body, silent: n.silent }));
    });
  }

  /** Waits until a notification with `tag` is on screen, and answers it. */
  async waitForShown(tag: string, timeoutMs = WAIT_MS): Promise<ShownNotification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.shown()).find((n) => n.tag === tag);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no notification ${tag} within ${timeoutMs} ms (shown: ${JSON.stringify(await this.shown())})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The toolbar badge's text ('' when there is none). */
  async badge(): Promise<string> {
    return (await this.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}),
    );
  }

  /** Waits until the badge says `text`. */
  async waitForBadge(text: string, timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.badge()) !== text) {
      if (Date.now() > deadline) throw new Error(`the badge says "${await this.badge()}", not "${text}", after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Runs `script` (a function's source, called with no arguments) in the worker: benchmarks install probes with it. */
  async evaluate<T>(script: string): Promise<T> {
    return (await this.worker()).evaluate(script) as Promise<T>;
  }

  private async worker(): Promise<WebWorker> {
    const target = await this.ext.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${this.ext.extensionId}/background.js`,
      { timeout: WAIT_MS },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('the extension has no service worker');
    return worker;
  }
}
