/*
 * Reading subject ids out of a workspace page's path. A pattern is a path
 * with `:named` segments (`/workspace/conversations/:conversationId`); the
 * names say which id a segment holds.
 */

/** The ids a page can name; either may be missing. */
export interface SubjectIds {
  customerId: string | null;
  conversationId: string | null;
}

/** A Kustomer-style conversation page; the options page also offers it ready for the user's own host. */
export const KUSTOMER_PATH = '/app/customers/:customerId/event/:conversationId';

/**
 * Paths recognised on every workspace host, whatever the options say: the
 * demo workspace and Kustomer's conversation page.
 */
export const DEFAULT_SUBJECT_PATHS: readonly string[] = [
  '/workspace/customers/:customerId',
  '/workspace/conversations/:conversationId',
  KUSTOMER_PATH,
];

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Matches `pathname` against `pattern` segment by segment. The page may go
 * deeper than the pattern (`/customers/42/notes` is still customer 42's page).
 * @returns the named segments' values, or null when the path does not match.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const wanted = segments(pattern);
  const actual = segments(pathname);
  if (wanted.length === 0 || actual.length < wanted.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of wanted.entries()) {
    const value = decode(actual[index] ?? '');
    if (value === null || value === '') return null;
    if (part.startsWith(':')) params[part.slice(1)] = value;
    else if (part.toLowerCase() !== value.toLowerCase()) return null;
  }
  return params;
}

/**
 * Which subject a parameter names: `:customerId`, `:conversationId`, or a
 * bare `:id` that takes its meaning from the segment before it
 * (`/customers/:id`, `/conversations/:id`).
 */
function paramKind(pattern: string, name: string): keyof SubjectIds | null {
  if (/^customer_?id$/i.test(name)) return 'customerId';
  if (/^conversation_?id$/i.test(name)) return 'conversationId';
  if (name !== 'id') return null;
  const parts = segments(pattern);
  const before = parts[parts.indexOf(':id') - 1] ?? '';
  if (/customer/i.test(before)) return 'customerId';
  if (/conversation/i.test(before)) return 'conversationId';
  return null;
}

/**
 * The subject ids `pathname` names under any of `patterns`. Longer (more
 * specific) patterns win when two disagree.
 */
export function subjectIdsFromPath(pathname: string, patterns: readonly string[]): SubjectIds {
  const ids: SubjectIds = { customerId: null, conversationId: null };
  const bySpecificity = [...patterns].sort((a, b) => segments(b).length - segments(a).length);
  for (const pattern of bySpecificity) {
    const params = matchPath(pattern, pathname);
    if (!params) continue;
    for (const [name, value] of Object.entries(params)) {
      const kind = paramKind(pattern, name);
      if (kind && ids[kind] === null) ids[kind] = value;
    }
  }
  return ids;
}
