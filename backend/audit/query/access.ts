import type { Category } from '../../../shared/enums';
import { permissionToSee } from '../../../shared/permissions';
import { auditCategoriesOf, type Permission } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';

/**
 * The permission `principal` lacks to read the first of `categories` their
 * role may not read, or null when their role reads them all (or no category
 * is asked for: the query is then narrowed to the role's categories
 * instead, see auditWhere). Only the `category` filter is checked here: an
 * excluded category never widens what is read.
 */
export function missingCategoryPermission(principal: Principal, categories: readonly Category[] | undefined): Permission | null {
  const allowed = auditCategoriesOf(principal);
  const denied = categories?.find((category) => !allowed.includes(category));
  return denied === undefined ? null : permissionToSee(denied);
}
