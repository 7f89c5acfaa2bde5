import type { Category } from '../../../shared/enums';
import { permissionToSee } from '../../../shared/permissions';
import { auditCategoriesOf, type Permission } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';

/**
 * The permission `principal` lacks to read `category` in the log, or null
 * when their role may read it (or no category is asked for: the query is then
 * narrowed to the role's categories instead, see auditWhere).
 */
export function missingCategoryPermission(principal: Principal, category: Category | undefined): Permission | null {
  if (category === undefined || auditCategoriesOf(principal).includes(category)) return null;
  return permissionToSee(category);
}
