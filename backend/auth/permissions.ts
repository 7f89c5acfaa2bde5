import { CATEGORIES, type Category, type Role } from '../../shared/enums';
import type { Principal } from './principal';

/**
 * The one permission table. Routes ask `requires(…)` (backend/auth/require.ts),
 * queries ask `can(principal, …)` or `auditCategoriesOf(principal)`; the
 * extension only mirrors it. The roles:
 * - agent: customer and conversation work, and the logs of those subjects
 *   (their messages, satisfaction, routing and other events included);
 * - lead: an agent, plus the work-session log (routing, team pulse) and
 *   notification rules;
 * - admin: everything, including settings, billing, authorization, users and
 *   API keys, and the whole workspace log.
 * "automation" is any API key: automations work customers, conversations and
 * routing, never settings, billing or access.
 */
type Holder = Role | 'automation';

const PERMISSIONS = {
  /** Customers, companies, conversations, messages, voice, surveys. */
  'support:read': ['agent', 'lead', 'admin', 'automation'],
  'support:write': ['agent', 'lead', 'admin', 'automation'],
  /** Redacting a message removes content for good. */
  'messages:redact': ['lead', 'admin'],
  /** The history of one customer or conversation, every category of event about it included. */
  'audit:subject': ['agent', 'lead', 'admin', 'automation'],
  /** The work-session log: routing and team pulse rows about agents. */
  'audit:work_session': ['lead', 'admin'],
  /** The whole workspace log: every category, settings, billing and authorization included. */
  'audit:workspace': ['admin'],
  /** Agents set their own routing status; these change anyone's. */
  'routing:write': ['lead', 'admin', 'automation'],
  'team_pulse:write': ['admin'],
  /** The rules that notify a team of events (the notifications feature). */
  'notifications:manage': ['lead', 'admin'],
  /** Shortcuts and saved searches are read by everyone who uses them. */
  'settings:read': ['agent', 'lead', 'admin', 'automation'],
  /** Business rules and workflows (read and write), shortcut and saved-search changes. */
  'settings:write': ['admin'],
  'billing:read': ['admin'],
  'billing:write': ['admin'],
  /** API keys: create, list, rotate, revoke. */
  'access:manage': ['admin'],
  /** People: invite, change roles, disable, unlock. */
  'users:manage': ['admin'],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof PERMISSIONS;

export function holderOf(principal: Principal): Holder {
  return principal.user ? principal.user.role : 'automation';
}

export function can(principal: Principal, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Holder[]).includes(holderOf(principal));
}

/**
 * The categories of audit rows a caller's log queries (workspace log,
 * search, export, stream) may return: a filter asking for more is narrowed
 * to these, never widened. A subject's own history is different: it is all
 * events of that customer or conversation, whatever their category.
 */
export function auditCategoriesOf(principal: Principal): readonly Category[] {
  if (can(principal, 'audit:workspace')) return CATEGORIES;
  const categories: Category[] = [];
  if (can(principal, 'audit:subject')) categories.push('customer', 'conversation');
  if (can(principal, 'audit:work_session')) categories.push('work_session');
  return categories;
}
