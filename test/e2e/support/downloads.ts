import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'puppeteer-core';

const WAIT_MS = 20_000;

export interface Download {
  /** The name the page gave the file (a link's `download`). */
  name: string;
  /** Where the browser saved it. */
  path: string;
}

/**
 * The browser's downloads, saved into a temporary folder of their own
 * (`Browser.setDownloadBehavior` over CDP: headless Chromium otherwise
 * saves nothing), each known by its path once complete.
 */
export class Downloads {
  private constructor(
    private readonly cdp: CDPSession,
    readonly dir: string,
  ) {}

  static async into(browser: Browser): Promise<Downloads> {
    const dir = mkdtempSync(join(tmpdir(), 'auditdesk-downloads-'));
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
    return new Downloads(cdp, dir);
  }

  /** Runs `action`, then waits (up to `timeoutMs`) for the download it starts to complete and reads the file. */
  async expect(action: () => Promise<void>, timeoutMs = WAIT_MS): Promise<Download> {
    let name = '';
    let onProgress!: (event: { guid: string; state: string }) => void;
    const began = new Promise<string>((resolve) => {
      this.cdp.once('Browser.downloadWillBegin', (event: { guid: string; suggestedFilename: string }) => {
        name = event.suggestedFilename;
        resolve(event.guid);
      });
    });
    const finished = new Promise<void>((resolve, reject) => {
      onProgress = (event) => {
        void began.then((guid) => {
          if (event.guid !== guid) return;
          if (event.state === 'completed') resolve();
          if (event.state === 'canceled') reject(new Error(`the download of ${name} was cancelled`));
        });
      };
      this.cdp.on('Browser.downloadProgress', onProgress);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no download completed in time')), timeoutMs);
    });
    try {
      await action();
      await Promise.race([finished, timeout]);
    } finally {
      clearTimeout(timer);
      this.cdp.off('Browser.downloadProgress', onProgress);
    }
    return { name, path: join(this.dir, name) };
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
