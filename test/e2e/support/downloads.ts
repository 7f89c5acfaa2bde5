import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'puppeteer-core';

const WAIT_MS = 20_000;

export interface Download {
  /** The name the page gave the file (a link's `download`). */
  name: string;
  /** The file's bytes as saved on disk. */
  bytes: Buffer;
}

/**
 * The browser's downloads, saved into a temporary folder of their own
 * (`Browser.setDownloadBehavior` over CDP: headless Chromium otherwise
 * saves nothing) and read back from disk once complete.
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

  /** Runs `action`, then waits for the download it starts to complete and reads the file. */
  async expect(action: () => Promise<void>): Promise<Download> {
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
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no download completed in time')), WAIT_MS));
    try {
      await action();
      await Promise.race([finished, timeout]);
    } finally {
      this.cdp.off('Browser.downloadProgress', onProgress);
    }
    return { name, bytes: readFileSync(join(this.dir, name)) };
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
