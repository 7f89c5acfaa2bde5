import { batch, createModel, signal } from '@preact/signals';
import * as v from 'valibot';
import { MANIFEST_HOST_PATTERNS } from '../session/host-permission';
import { KUSTOMER_PATH, WorkspacePattern } from './workspace-patterns';

/** Where the patterns are kept (the `workspacePatterns` storage item) and how hosts are granted. */
export interface WorkspaceSettingsDeps {
  load(): Promise<WorkspacePattern[]>;
  save(patterns: WorkspacePattern[]): Promise<void>;
  /** permissions.request for a host pattern; must run inside the click that asked for it. */
  requestHostPermission(host: string): Promise<boolean>;
}

/**
 * Accepts what people paste: `https://acme.kustomer.com`, `acme.kustomer.com/app`
 * or a match pattern. Anything that is not a URL is left for validation to refuse.
 */
export function hostPatternOf(input: string): string {
  const text = input.trim();
  if (/^(https?|\*):\/\/[^/]+\/\*$/i.test(text)) return text.toLowerCase();
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return text;
  }
}

/**
 * The options page's "Workspaces" section: the pages the panel appears on.
 * Adding a host beyond this machine asks for its host permission first;
 * the background registers the panel there once the pattern is saved.
 */
export const WorkspaceSettingsModel = createModel((deps: WorkspaceSettingsDeps) => {
  const patterns = signal<WorkspacePattern[]>([]);
  const host = signal('');
  const path = signal('');
  const error = signal<string | null>(null);

  return {
    patterns,
    host,
    path,
    error,

    async load() {
      patterns.value = await deps.load();
    },

    /** Fills the form with the Kustomer conversation page; the user adds their own host. */
    useKustomerPreset() {
      batch(() => {
        path.value = KUSTOMER_PATH;
        if (!host.value) host.value = 'https://YOUR-ORG.kustomer.com/*';
        error.value = null;
      });
    },

    async add() {
      const parsed = v.safeParse(WorkspacePattern, { host: hostPatternOf(host.value), path: path.value });
      if (!parsed.success) {
        const [issue] = parsed.issues;
        const field = issue ? v.getDotPath(issue) : null;
        error.value = `${field === 'path' ? 'The path' : 'The host'} ${issue?.message ?? 'is not valid'}.`;
        return;
      }
      const pattern = parsed.output;
      if (patterns.value.some((p) => p.host === pattern.host && p.path === pattern.path)) {
        error.value = 'That workspace page is already in the list.';
        return;
      }
      if (!MANIFEST_HOST_PATTERNS.includes(pattern.host) && !(await deps.requestHostPermission(pattern.host))) {
        error.value = `The panel can only appear on ${pattern.host} with your permission.`;
        return;
      }
      const next = [...patterns.value, pattern];
      await deps.save(next);
      batch(() => {
        patterns.value = next;
        host.value = '';
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
