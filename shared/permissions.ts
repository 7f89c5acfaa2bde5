import { CATEGORIES, type Category, type Role } from './enums';

/**
 * The one permission table, read by the backend (every route and query) and
 * by the extension (what the panel offers). The roles:
 * - agent: customer and conversation work, and the logs of those subjects
 *   (their messages, satisfaction, routing and other events included);
 * - lead: an agent, plus the work-session log (routing, team pulse) and
 *   notification rules;
 * - admin: everything, including settings, billing, authorization, users and
 *   API keys, and the whole workspace log.
 * "automation" is any API key: automations work customers, conversations and
 * routing, never settings, billing or access.
 */
export type Holder = Role | 'automation';

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
  /** The log's tamper evidence: verify the hash chain, sign and download checkpoints. */
  'audit:integrity': ['admin'],
  /** The IP address and user agent of the people in the log (every other role reads them as null). */
  'audit:source': ['admin'],
  /** Agents set their own routing status; these change anyone's. */
  'routing:write': ['lead', 'admin', 'automation'],
  'team_pulse:write': ['admin'],
  /** The rules that notify a team of events (the notifications feature). */
  'notifications:manage': ['lead', 'admin'],
  /** Shortcuts and saved searches are read by everyone who uses them. */
  'settings:read': ['agent', 'lead', 'admin', 'automation'],
  /** Business rules and workflows (read and write), shortcut and saved-search changes. */
  'settings:write': ['admin'],
  /** Saved views of the log: one's own, and those others share with the workspace (people only: a view belongs to a person). */
  'views:use': ['agent', 'lead', 'admin'],
  /** Deleting a view someone else shared with the workspace. */
  'views:remove_shared': ['admin'],
  /** Changing a view someone else saved: nobody may; only its owner changes a view. */
  'views:edit_others': [],
  /**
   * Watches and the notifications they raise (people only: a notification is
   * someone's). What a watch may match is still the holder's part of the log.
   */
  'watches:use': ['agent', 'lead', 'admin'],
  'billing:read': ['admin'],
  'billing:write': ['admin'],
  /** API keys: create, list, rotate, revoke. */
  'access:manage': ['admin'],
  /** People: invite, change roles, disable, unlock. */
  'users:manage': ['admin'],
  /** Connections with other systems: streaming the log out (destinations) and helpdesk webhooks in. */
  'integrations:manage': ['admin'],
  /** Recording events that happened in another system (POST /events): API keys with the events:ingest scope only. */
  'events:ingest': ['automation'],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What an API key may do besides being an automation: each scope grants a
 * few of the automation's permissions, and a key holds only the scopes it
 * was created with.
 */
export const API_KEY_SCOPES = ['entities:read', 'entities:write', 'audit:read', 'routing:write', 'events:ingest'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const SCOPE_PERMISSIONS = {
  'entities:read': ['support:read', 'settings:read'],
  'entities:write': ['support:write'],
  'audit:read': ['audit:subject'],
  'routing:write': ['routing:write'],
  'events:ingest': ['events:ingest'],
} as const satisfies Record<ApiKeyScope, readonly Permission[]>;

/** The scopes of a key created without naming any, and of every key made before scopes: what an automation could always do. */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ['entities:read', 'entities:write', 'audit:read', 'routing:write'];

/** Whether a key holding `scopes` is granted `permission` by one of them (its holder must also be allowed: holderMay). */
export function scopesGrant(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((scope) => (SCOPE_PERMISSIONS[scope] as readonly Permission[]).includes(permission));
}

export function holderMay(holder: Holder, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Holder[]).includes(holder);
}

/**
 * The categories of audit rows a holder's log queries (workspace log,
 * search, export, stream) may return: a filter asking for more is narrowed
 * to these, never widened. A subject's own history is different: it is all
 * events of that customer or conversation, whatever their category.
 */
export function auditCategoriesFor(holder: Holder): readonly Category[] {
  if (holderMay(holder, 'audit:workspace')) return CATEGORIES;
  const categories: Category[] = [];
  if (holderMay(holder, 'audit:subject')) categories.push('customer', 'conversation');
  if (holderMay(holder, 'audit:work_session')) categories.push('work_session');
  return categories;
}

/** The permission that lets a holder see rows of `category` in the log (the one a refusal names). */
export function permissionToSee(category: Category): Permission {
  if (category === 'customer' || category === 'conversation') return 'audit:subject';
  return category === 'work_session' ? 'audit:work_session' : 'audit:workspace';
}
