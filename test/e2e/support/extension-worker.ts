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
 * notifications it shows (registration.getNotifications()) and its
 * toolbar badge, read in the worker itself. Chrome may stop the worker and
 * start a new one, so each look finds the current one.
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
    return (await this.worker()).evaluate(async () => {
      const registration = (self as unknown as { registration: ServiceWorkerRegistration }).registration;
      return (await registration.getNotifications()).map((n) => ({ tag: n.tag, title: n.title, body: n.body, silent: n.silent }));
    });
  }

  /**
   * Waits until the background has shown a notification with `tag`, and
   * answers it: from the screen, or from the worker's record of its
   * showNotification calls (headless Chromium now and then drops a shown
   * notification from getNotifications() a moment later).
   */
  async waitForShown(tag: string, timeoutMs = WAIT_MS): Promise<ShownNotification> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.shown()).find((n) => n.tag === tag);
      if (found) return found;
      const recorded = (await this.recorded()).find((n) => n.tag === tag);
      if (recorded) return recorded;
      if (Date.now() > deadline) throw new Error(`no notification ${tag} within ${timeoutMs} ms (shown: ${JSON.stringify(await this.shown())})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every notification the background has shown (each call, replacements included) since this worker was first looked at. */
  async recorded(): Promise<ShownNotification[]> {
    return (await this.worker()).evaluate(() => (self as unknown as { __shownByTest?: ShownNotification[] }).__shownByTest ?? []);
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

  /**
   * Waits until the background follows `userId`'s notifications on
   * `backendUrl`: it has stored their position in the stream. Before that, a
   * first sign-in's follower would start after anything raised meanwhile.
   */
  async waitForFollowing(backendUrl: string, userId: string, timeoutMs = WAIT_MS): Promise<void> {
    const key = `notificationPosition:${encodeURIComponent(`${backendUrl} ${userId}`)}`;
    const page = await this.page();
    await page.waitForFunction(
      async (wanted: string) => {
        const storage = (globalThis as unknown as { chrome: { storage: { local: { get(keys: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local;
        return (await storage.get(wanted))[wanted] !== undefined;
      },
      { timeout: timeoutMs, polling: 50 },
      key,
    );
  }

  /** Stops the worker, as Chrome does to an idle one; the next extension event (an alarm, a page's message) starts it again. */
  async stop(): Promise<void> {
    // Attached, the worker's target would outlive it: let go of it first.
    await (await this.worker()).client.detach();
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
    // Records what the background shows from now on (a worker Chrome starts afresh gets it at the next look).
    await worker.evaluate(() => {
      const scope = self as unknown as { registration: ServiceWorkerRegistration; __shownByTest?: ShownNotification[] };
      if (scope.__shownByTest) return;
      const shown: ShownNotification[] = (scope.__shownByTest = []);
      const show = scope.registration.showNotification.bind(scope.registration);
      scope.registration.showNotification = async (title, options = {}) => {
        await show(title, options);
        shown.push({ tag: options.tag ?? '', title, body: options.body ?? '', silent: options.silent ?? null });
      };
    });
    return worker;
  }
}
