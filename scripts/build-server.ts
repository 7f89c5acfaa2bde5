import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/*
 * `npm run build:server`: the backend as one JavaScript module for node, in
 * dist/server/. Running the TypeScript through a loader (tsx) holds some
 * 70 MB more memory for the life of the process: fine for development and
 * tests, not for a server. Packages stay in node_modules (not bundled).
 *
 * A few modules read a file beside themselves (new URL('./x', import.meta.url));
 * in the bundle `import.meta.url` is the bundle's, so those files are copied
 * beside it, under the same names. A built server that starts, serves the
 * workspace pages and refuses a common password has all three
 * (test/http/built-server.test.ts).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES_READ_BESIDE_THEIR_MODULE = [
  'backend/db/migrations',
  'backend/auth/common-passwords.txt',
  'backend/workspace/styles.css',
];

/** Builds the server into `outDir` (default dist/server); returns the path of its entry module. */
export async function buildServer(outDir = `${ROOT}dist/server`): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entry = `${outDir}/index.mjs`;
  await build({
    entryPoints: [`${ROOT}backend/index.ts`],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const path of FILES_READ_BESIDE_THEIR_MODULE) {
    cpSync(`${ROOT}${path}`, `${outDir}/${path.split('/').at(-1)}`, { recursive: true });
  }
  return entry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entry = await buildServer(process.argv[2]);
  process.stdout.write(`server built: ${entry}\n`);
}
