import { ApiError } from '../../errors';

const MAX_TERMS = 10;

/**
 * The user's words as an FTS5 MATCH expression that cannot be anything but
 * a search: each whitespace-separated term becomes a quoted phrase with a
 * prefix `*` (so `ref` finds "refund"), terms are ANDed, at most ten are
 * kept. FTS5 syntax (NEAR, column filters, `-`, parentheses) typed by a user
 * is only ever text. Terms with no letter or digit would be empty phrases
 * and are dropped; nothing left → 400.
 */
export function ftsQueryOf(q: string): string {
  const terms = q
    .split(/\s+/)
    .map((term) => term.replaceAll('"', ''))
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) {
    throw ApiError.badRequest('The search has no words to look for.', [{ path: 'q', message: 'must contain a letter or digit' }]);
  }
  return terms.map((term) => `"${term}"*`).join(' ');
}
