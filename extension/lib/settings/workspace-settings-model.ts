import { batch, createModel, signal } from '@preact/signals';
import * as v from 'valibot';
import { MANIFEST_HOST_PATTERNS } from '../session/host-permission';
import { matchPatternOf, originOfInput } from './workspace-origin';
import { KUSTOMER_PATH, WorkspacePattern } from './workspace-patterns';

/** Where the patterns are kept (the `workspacePatterns` storage item) and how hosts are granted. */
export interface WorkspaceSettingsDeps {
  /** The workspaces added in the options. */
  load(): Promise<WorkspacePattern[]>;
  save(patterns: WorkspacePattern[]): Promise<void>;
  /** The signed-in backend's own workspace, always on (not stored, not removable). */
  loadBackendWorkspace(): Promise<WorkspacePattern[]>;
  /** permissions.request for a host match pattern; must run inside the click that asked for it. */
  requestHostPermission(matchPattern: string): Promise<boolean>;
}

/**
 * The options page's "Workspaces" section: the pages the panel appears on,
 * each an origin (scheme, host, port) and a path. Adding one beyond this
 * machine asks for its host's permission first; the background registers
 * the panel there once the pattern is saved.
 */
export const WorkspaceSettingsModel = createModel((deps: WorkspaceSettingsDeps) => {
  const patterns = signal<WorkspacePattern[]>([]);
  const backendPatterns = signal<WorkspacePattern[]>([]);
  const origin = signal('');
  const path = signal('');
  const error = signal<string | null>(null);

  return {
    patterns,
    backendPatterns,
    origin,
    path,
    error,

    async load() {
      const [added, backend] = await Promise.all([deps.load(), deps.loadBackendWorkspace()]);
      batch(() => {
        patterns.value = added;
        backendPatterns.value = backend;
      });
    },

    /** Fills the form with the Kustomer conversation page; the user adds their own address. */
    useKustomerPreset() {
      batch(() => {
        path.value = KUSTOMER_PATH;
        if (!origin.value) origin.value = 'https://YOUR-ORG.kustomer.com';
        error.value = null;
      });
    },

    async add() {
      const parsed = v.safeParse(WorkspacePattern, { origin: originOfInput(origin.value), path: path.value });
      if (!parsed.success) {
        const [issue] = parsed.issues;
        const field = issue ? v.getDotPath(issue) : null;
        error.value = `${field === 'path' ? 'The path' : 'The address'} ${issue?.message ?? 'is not valid'}.`;
        return;
      }
      const pattern = parsed.output;
      if ([...backendPatterns.value, ...patterns.value].some((p) => p.origin === pattern.origin && p.path === pattern.path)) {
        error.value = 'That workspace page is already in the list.';
        return;
      }
      const host = matchPatternOf(pattern.origin);
      if (!MANIFEST_HOST_PATTERNS.includes(host) && !(await deps.requestHostPermission(host))) {
        error.value = `The panel can only appear on ${pattern.origin} with your permission.`;
        return;
      }
      const next = [...patterns.value, pattern];
      await deps.save(next);
      batch(() => {
        patterns.value = next;
        origin.value = '';
        path.value = '';
        error.value = null;
      });
    },

    async remove(index: number) {
      const next = patterns.value.filter((_, i) => i !== index);
      await deps.save(next);
      patterns.value = next;
    },
  };
});
