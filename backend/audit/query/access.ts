import type { Context } from 'hono';
import type { Category } from '../../../shared/enums';
import { accessDenied } from '../../auth/access-denied';
import { principalOf } from '../../auth/authenticate';
import { auditCategoriesOf } from '../../auth/permissions';
import type { AppEnv } from '../../http/app-env';

/**
 * Refuses (403, recorded as access_denied) a log query that filters on a
 * category the caller's role may not read: asking is the suspicious part.
 * Without a category filter nothing is refused; the query is narrowed to the
 * role's categories instead (auditWhere).
 */
export async function assertCategoryReadable(c: Context<AppEnv>, category: Category | undefined): Promise<void> {
  if (category === undefined || auditCategoriesOf(principalOf(c)).includes(category)) return;
  throw await accessDenied(c, category === 'work_session' ? 'audit:work_session' : 'audit:workspace');
}
