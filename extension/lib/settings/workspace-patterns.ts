import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_WORKSPACE_PATTERNS, WORKSPACE_PATTERNS_KEY } from './workspace-pattern-defaults';

export { DEFAULT_WORKSPACE_PATTERNS, DEMO_WORKSPACE_PATHS } from './workspace-pattern-defaults';
export { KUSTOMER_PATH } from '../subject/path-patterns';

/*
 * Which pages are agent workspaces the panel injects into. The background
 * registers the content script for each pattern's host, trusts content
 * scripts only on pages that match one, and the panel reads a subject id out
 * of the path's `:customerId` / `:conversationId` (or `:id`) parameters.
 */

/** A host match pattern with no path of its own: `https://acme.kustomer.com/*`, `http://localhost/*`. */
export const HostPattern = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+)\/\*$/i, 'must look like https://example.com/*'),
  v.maxLength(300),
);

/** A path with named `:parameters`: `/workspace/conversations/:conversationId`. */
export const PathPattern = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^(\/(:[A-Za-z]\w*|[\w.~-]+))+\/?$/, 'must be a path like /customers/:customerId'),
  v.maxLength(300),
);

export const WorkspacePattern = v.strictObject({ host: HostPattern, path: PathPattern });
/** One workspace page: the hosts it lives on and the path of a customer or conversation page. */
export type WorkspacePattern = v.InferOutput<typeof WorkspacePattern>;



/** The configured workspace patterns (storage.local, versioned so their shape can evolve). */
export const workspacePatterns = storage.defineItem<WorkspacePattern[]>(`local:${WORKSPACE_PATTERNS_KEY}`, {
  fallback: DEFAULT_WORKSPACE_PATTERNS,
  version: 1,
});
