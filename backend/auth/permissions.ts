import { type Category } from '../../shared/enums';
import { type Holder, type Permission, auditCategoriesFor, holderMay } from '../../shared/permissions';
import type { Principal } from './principal';

/*
 * The permission table is shared/permissions.ts (the extension reads it too,
 * to offer only what the backend allows). Routes ask `requires(…)`
 * (backend/auth/require.ts), queries ask `can(principal, …)` or
 * `auditCategoriesOf(principal)`.
 */
export type { Permission };

export function holderOf(principal: Principal): Holder {
  return principal.user ? principal.user.role : 'automation';
}

export function can(principal: Principal, permission: Permission): boolean {
  return holderMay(holderOf(principal), permission);
}

/** The categories of audit rows a caller's log queries may return (see auditCategoriesFor). */
export function auditCategoriesOf(principal: Principal): readonly Category[] {
  return auditCategoriesFor(holderOf(principal));
}
