import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Three projects, one `npm test`:
 * - backend: the API, the audit engine and the demo workspace (node);
 * - extension: unit tests beside the extension's code (happy-dom, fakeBrowser);
 * - e2e: the built extension in real Chromium against a real backend.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'backend',
          include: ['backend/**/*.test.ts', 'shared/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['extension/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/build-extension.ts'],
          // One Chromium at a time on a 2-core machine keeps timings honest,
          // and only once the other projects are done: a browser sharing two
          // cores with the backend's test workers waits on them, not on us.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
