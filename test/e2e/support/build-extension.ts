import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest globalSetup of the e2e project: builds the extension once, so the
 * tests always load what the source says (`.output/chrome-mv3`), never a
 * stale build.
 */
export default function buildExtension(): void {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../../node_modules/wxt/bin/wxt.mjs', import.meta.url)), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vitest sets NODE_ENV=test, which would bundle Preact's development JSX:
    // the tests load the build users get.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
