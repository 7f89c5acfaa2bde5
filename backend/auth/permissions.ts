import { type Category } from '../../shared/enums';
import { type ApiKeyScope, type Holder, type Permission, API_KEY_SCOPES, auditCategoriesFor, holderMay, permissionToSee, scopesGrant } from '../../shared/permissions';
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

/** A person: what their role allows. An API key: what automations may do, narrowed to what its scopes grant. */
export function can(principal: Principal, permission: Permission): boolean {
  if (!holderMay(holderOf(principal), permission)) return false;
  return !principal.apiKey || scopesGrant(principal.apiKey.scopes, permission);
}

/**
 * The scope an API key lacks for `permission` when that scope is all that
 * stands in the way (automations may, the key was not given it); null for
 * people, for keys holding it, and for permissions no automation has.
 */
export function missingScope(principal: Principal, permission: Permission): ApiKeyScope | null {
  if (!principal.apiKey || !holderMay('automation', permission) || scopesGrant(principal.apiKey.scopes, permission)) return null;
  return API_KEY_SCOPES.find((scope) => scopesGrant([scope], permission)) ?? null;
}

/** The categories of audit rows a caller's log queries may return (see auditCategoriesFor), narrowed by a key's scopes. */
export function auditCategoriesOf(principal: Principal): readonly Category[] {
  return auditCategoriesFor(holderOf(principal)).filter((category) => can(principal, permissionToSee(category)));
}
