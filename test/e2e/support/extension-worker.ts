import type { Page, WebWorker } from 'puppeteer-core';
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
 * notifications it shows and its toolbar badge. They are read from a page
 * of the extension's own (its registration's getNotifications(), the
 * action's badge), not through a debugger attached to the worker, which
 * would outlive the worker when Chrome stops it.
 */
export class ExtensionWorker {
  private observer: Promise<Page> | null = null;

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
    return (await this.page()).evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) throw new Error('the extension has no service worker registration');
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
    return (await this.page()).evaluate(() =>
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

  /** Stops the worker, as Chrome does to an idle one; the next extension event (an alarm, a page's message) starts it again. */
  async stop(): Promise<void> {
    const page = await this.ext.browser.newPage();
    try {
      const cdp = await page.createCDPSession();
      const script = `chrome-extension://${this.ext.extensionId}/background.js`;
      const stopped = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the extension’s service worker did not stop')), WAIT_MS);
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (!versions.some((version) => version.scriptURL === script && version.runningStatus === 'stopped')) return;
          clearTimeout(timer);
          resolve();
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    } finally {
      await page.close();
    }
  }

  /** Runs `script` in the worker (attaching a debugger to it): benchmarks install probes with it. */
  async evaluate<T>(script: string): Promise<T> {
    return (await this.worker()).evaluate(script) as Promise<T>;
  }

  /** A tab of the extension's own origin to look from (the popup's page: it only asks for the session as it opens). */
  private page(): Promise<Page> {
    this.observer ??= this.ext.browser.newPage().then(async (page) => {
      await page.goto(this.ext.extensionUrl('popup.html'));
      return page;
    });
    return this.observer;
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
