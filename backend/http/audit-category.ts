import type { Context } from 'hono';
import type { Category } from '../../shared/enums';
import { missingCategoryPermission } from '../audit/query/access';
import { accessDenied } from '../auth/access-denied';
import { principalOf } from '../auth/authenticate';
import type { AppEnv } from './app-env';

/**
 * Refuses (403, recorded as access_denied) a log query whose `category`
 * filter names any category the caller's role may not read: asking is the
 * suspicious part. Without a category filter nothing is refused, and
 * `notCategory` is not checked (excluding never widens).
 */
export async function assertCategoryReadable(c: Context<AppEnv>, categories: readonly Category[] | undefined): Promise<void> {
  const missing = missingCategoryPermission(principalOf(c), categories);
  if (missing) throw await accessDenied(c, missing);
}
