import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The core: the audit engine and its queries, authentication, the database,
 * the demo, the entities, and the app's errors, dependencies and logger.
 * It must run without a web server (the demo seed, the retention purge and
 * the tests drive it directly), so it never imports the web framework or the
 * HTTP layer; routers map its errors and values to HTTP.
 */
const CORE_DIRS = ['backend/audit', 'backend/auth', 'backend/db', 'backend/demo', 'backend/entities', 'backend/integration'];
const CORE_FILES = ['backend/errors.ts', 'backend/deps.ts', 'backend/logger.ts', 'backend/bootstrap.ts', 'backend/env.ts'];

/** Inside the core folders, a file named `router`/`routes` (or `…-router`, `…-routes`) is HTTP: it mounts routes. */
const ROUTES_FILE = /(^|-)(router|routes)\.tsx?$/;

/** Inside the core folders, the request middleware that is HTTP too, and why it lives next to the domain it guards. */
const REQUEST_MIDDLEWARE: Record<string, string> = {
  'backend/auth/authenticate.ts': 'turns the API’s bearer token, or the workspace’s session cookie, into the request’s principal',
  'backend/auth/require.ts': 'refuses a route to a role without its permission',
  'backend/auth/access-denied.ts': 'records each refused request as an access_denied row',
  'backend/auth/caller-rate-limit.ts': 'limits requests per API key and per person',
  'backend/auth/ip-rate-limit.ts': 'limits sign-in attempts per client address',
};

/** Imports the core may not have: the web framework, and the app's HTTP layer. */
const FRAMEWORK = /^(hono|@hono\/.*|hono\/.*)$/;
const HTTP_LAYER = ['backend/http/', 'backend/workspace/', 'backend/app.ts', 'backend/index.ts', 'backend/health.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

const isHttpFile = (rel: string) => ROUTES_FILE.test(basename(rel)) || rel in REQUEST_MIDDLEWARE;

function forbiddenImport(fromRel: string, specifier: string): boolean {
  if (FRAMEWORK.test(specifier)) return true;
  if (!specifier.startsWith('.')) return false;
  const target = relative(ROOT, resolve(ROOT, dirname(fromRel), specifier));
  const withExt = /\.tsx?$/.test(target) ? target : `${target}.ts`;
  return HTTP_LAYER.some((prefix) => target.startsWith(prefix) || withExt === prefix) || isHttpFile(withExt) || isHttpFile(`${target}.tsx`);
}

function coreFiles(): string[] {
  const inDirs = CORE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => relative(ROOT, file));
  return [...inDirs, ...CORE_FILES].filter((rel) => !isHttpFile(rel));
}

describe('the layers', () => {
  it('tells the web framework and the HTTP layer from everything else', () => {
    expect(importsOf("import type { Context } from 'hono';\nimport { x } from \"../http/validate\";")).toEqual(['hono', '../http/validate']);
    expect(forbiddenImport('backend/audit/query/access.ts', 'hono')).toBe(true);
    expect(forbiddenImport('backend/audit/query/access.ts', 'hono/route')).toBe(true);
    expect(forbiddenImport('backend/audit/query/access.ts', '@hono/node-server')).toBe(true);
    expect(forbiddenImport('backend/audit/query/access.ts', '../../http/app-env')).toBe(true);
    expect(forbiddenImport('backend/audit/engine.ts', '../workspace/guard')).toBe(true);
    expect(forbiddenImport('backend/audit/engine.ts', './router')).toBe(true);
    expect(forbiddenImport('backend/demo/seed.ts', '../auth/authenticate')).toBe(true);
    expect(forbiddenImport('backend/audit/query/access.ts', '../../auth/permissions')).toBe(false);
    expect(forbiddenImport('backend/audit/engine.ts', '../errors')).toBe(false);
    expect(forbiddenImport('backend/audit/engine.ts', 'drizzle-orm')).toBe(false);
    expect(coreFiles()).toContain('backend/audit/engine.ts');
    expect(coreFiles()).not.toContain('backend/audit/router.ts');
    expect(coreFiles()).not.toContain('backend/entities/crud-routes.ts');
  });

  it('keeps the core free of the web framework and the HTTP layer: routers and request middleware map it to HTTP', () => {
    const offenders = coreFiles().flatMap((rel) =>
      importsOf(readFileSync(join(ROOT, rel), 'utf8'))
        .filter((specifier) => forbiddenImport(rel, specifier))
        .map((specifier) => `${rel} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
