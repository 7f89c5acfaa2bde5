import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';

/** The built extension (`wxt build`, run by the e2e globalSetup). */
export const EXTENSION_DIR = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser to drive: PUPPETEER_EXECUTABLE_PATH, else Debian's Chromium.
 * Never a downloaded build: this machine reaches no browser CDN.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    'No Chromium for the end-to-end tests: install one with `apt-get install -y chromium` ' +
      '(or point PUPPETEER_EXECUTABLE_PATH at a Chrome/Chromium binary).',
  );
}

export interface ExtensionBrowser {
  browser: Browser;
  /** The extension's id: the host of its chrome-extension:// URLs. */
  extensionId: string;
  /** `chrome-extension://ID/<path>` */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/**
 * Headless Chromium with the built extension loaded (puppeteer's
 * `enableExtensions` works only with `pipe: true`). `userDataDir`: a profile
 * to keep between launches (closing and reopening the browser); a
 * throwaway one otherwise.
 */
export async function launchWithExtension(options: { userDataDir?: string } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    throw new Error(`The extension is not built at ${EXTENSION_DIR}: run \`npx wxt build\` (the e2e globalSetup does).`);
  }
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    defaultViewport: { width: 1280, height: 800 },
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const worker = await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().endsWith('/background.js'),
      { timeout: 15_000 },
    );
    const extensionId = new URL(worker.url()).host;
    return {
      browser,
      extensionId,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw new Error(`The extension's service worker (background.js) did not start: ${(error as Error).message}`);
  }
}
