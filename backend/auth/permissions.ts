import type { Role } from '../../shared/enums';
import type { Principal } from './principal';

/**
 * The one permission table. Routes and queries ask `can(principal, …)`; the
 * extension only mirrors it. "automation" is any API key: automations work
 * customers, conversations and routing, never settings, billing or access.
 */
type Holder = Role | 'automation';

const PERMISSIONS = {
  /** Customers, companies, conversations, messages, voice, surveys. */
  'support:read': ['agent', 'lead', 'admin', 'automation'],
  'support:write': ['agent', 'lead', 'admin', 'automation'],
  /** Redacting a message removes content for good. */
  'messages:redact': ['lead', 'admin'],
  /** The history of one customer or conversation. */
  'audit:subject': ['agent', 'lead', 'admin', 'automation'],
  /** Agents set their own routing status; these change anyone's. */
  'routing:write': ['lead', 'admin', 'automation'],
  'team_pulse:write': ['admin'],
  /** Shortcuts and saved searches are read by everyone who uses them. */
  'settings:read': ['agent', 'lead', 'admin', 'automation'],
  'settings:write': ['admin'],
  'billing:read': ['admin'],
  'billing:write': ['admin'],
  'access:manage': ['admin'],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof PERMISSIONS;

export function holderOf(principal: Principal): Holder {
  return principal.user ? principal.user.role : 'automation';
}

export function can(principal: Principal, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Holder[]).includes(holderOf(principal));
}
