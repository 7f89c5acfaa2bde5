import type { Context } from 'hono';
import type { Category } from '../../shared/enums';
import { missingCategoryPermission } from '../audit/query/access';
import { accessDenied } from '../auth/access-denied';
import { principalOf } from '../auth/authenticate';
import type { AppEnv } from './app-env';

/**
 * Refuses (403, recorded as access_denied) a log query that filters on a
 * category the caller's role may not read: asking is the suspicious part.
 * Without a category filter nothing is refused.
 */
export async function assertCategoryReadable(c: Context<AppEnv>, category: Category | undefined): Promise<void> {
  const missing = missingCategoryPermission(principalOf(c), category);
  if (missing) throw await accessDenied(c, missing);
}
