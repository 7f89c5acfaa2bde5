import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { lastBackendUrl } from '../session/session-items';
import { WORKSPACE_PATTERNS_KEY, workspacePatternsWith } from './workspace-pattern-defaults';
import { isWorkspaceOrigin, originOfInput } from './workspace-origin';

export { KUSTOMER_PATH } from '../subject/path-patterns';

/*
 * Which pages are agent workspaces the panel appears on: an origin (scheme,
 * host, port) and a path. The background registers the content script for
 * each origin, trusts content scripts and panels only on pages of one, and
 * the panel reads a subject id out of the path's `:customerId` /
 * `:conversationId` (or `:id`) parameters.
 */

/** `https://acme.kustomer.com`, `http://localhost:3000`, `https://*.kustomer.com`. */
export const WorkspaceOrigin = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(300),
  v.check(isWorkspaceOrigin, 'must be an address like https://acme.kustomer.com or http://localhost:3000'),
);

/** A path with named `:parameters`: `/workspace/conversations/:conversationId`. */
export const PathPattern = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^(\/(:[A-Za-z]\w*|[\w.~-]+))+\/?$/, 'must be a path like /customers/:customerId'),
  v.maxLength(300),
);

export const WorkspacePattern = v.strictObject({ origin: WorkspaceOrigin, path: PathPattern });
/** One workspace page: the origin it lives on and the path of a customer or conversation page. */
export type WorkspacePattern = v.InferOutput<typeof WorkspacePattern>;

/** Version 1 matched a host on any port (`http://localhost/*`). */
interface HostPatternV1 {
  host: string;
  path: string;
}

const THIS_MACHINE_V1 = new Set(['http://localhost/*', 'http://127.0.0.1/*']);

/**
 * Version 1 → 2. Its defaults, the demo workspace on localhost and 127.0.0.1
 * on any port, are gone: the signed-in backend's origin now serves them. A
 * host pattern becomes its origin on the scheme's default port (version 1
 * kept no port); one that is no longer valid (a `*://` scheme) is dropped.
 */
export function migrateHostPatterns(patterns: readonly HostPatternV1[]): WorkspacePattern[] {
  return patterns.flatMap(({ host, path }) => {
    if (THIS_MACHINE_V1.has(host) && path.startsWith('/workspace/')) return [];
    const parsed = v.safeParse(WorkspacePattern, { origin: originOfInput(host), path });
    return parsed.success ? [parsed.output] : [];
  });
}

/** The workspaces added in the options (storage.local, versioned so their shape can evolve). */
export const workspacePatterns = storage.defineItem<WorkspacePattern[]>(`local:${WORKSPACE_PATTERNS_KEY}`, {
  fallback: [],
  version: 2,
  migrations: { 2: migrateHostPatterns },
});

/** The workspace patterns in effect: the signed-in backend's workspace, then the options' ones. */
export async function effectiveWorkspacePatterns(): Promise<WorkspacePattern[]> {
  const [added, backendUrl] = await Promise.all([workspacePatterns.getValue(), lastBackendUrl.getValue()]);
  return workspacePatternsWith(added, backendUrl);
}
