import type { ExportFormat } from './export-format';

/** What a file name says besides the product: longer filters are cut, so every name stays readable and legal. */
const MAX_FILTER_CHARS = 80;
const MAX_WORKSPACE_CHARS = 40;

export interface FileNameParts {
  /** The workspace the rows come from. */
  workspace: string;
  /** The filter as the API's parameters (what the page's URL holds). */
  params: URLSearchParams;
  /** When the export started. */
  at: Date;
  format: ExportFormat;
}

/**
 * The export's file name: `auditdesk_<workspace>_<filter>_<UTC time>.<format>`,
 * e.g. `auditdesk_demo-support_category-settings_not-event-login_2026-12-03T01-21-05Z.csv`.
 * Words are joined by `_`, so `_` inside a value becomes `-`. Only letters,
 * digits, `.`, `-` and `_` remain, so the name is the same on every system
 * (no `:` or `/`), and two exports a second apart differ.
 */
export function exportFileName({ workspace, params, at, format }: FileNameParts): string {
  const time = at.toISOString().slice(0, 19).replaceAll(':', '-');
  return `auditdesk_${slug(workspace, MAX_WORKSPACE_CHARS) || 'workspace'}_${filterSlug(params)}_${time}Z.${format}`;
}

/** The filter in a few words: `category-settings_not-event-login`, or `all-events` when there is none. */
export function filterSlug(params: URLSearchParams): string {
  const words: string[] = [];
  for (const [name, value] of params) {
    const exclusion = /^not[A-Z]/.test(name);
    const field = exclusion ? name.slice(3, 4).toLowerCase() + name.slice(4) : name;
    words.push(slug(`${exclusion ? 'not-' : ''}${field}-${value}`, MAX_FILTER_CHARS));
  }
  const joined = words.filter(Boolean).join('_');
  if (!joined) return 'all-events';
  return joined.length <= MAX_FILTER_CHARS ? joined : `${joined.slice(0, MAX_FILTER_CHARS).replace(/[-_]+$/, '')}-etc`;
}

/** Lower case, accents dropped, every run of other characters one `-`. */
function slug(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, max)
    .replace(/[-.]+$/, '');
}
