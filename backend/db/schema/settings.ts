import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ShareAccess } from '../../../shared/enums';
import { flag, id, json, lifecycle } from './columns';
import { organizations, users } from './workspace';

/** Criteria, triggers and actions are rule documents edited as a whole; the audit keeps each version. */
export type RuleDocument = Record<string, unknown>;

export const businessRules = sqliteTable('business_rules', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  description: text('description').notNull(),
  enabled: flag('enabled').notNull(),
  trigger: json<RuleDocument>('trigger').notNull(),
  criteria: json<RuleDocument>('criteria').notNull(),
  actions: json<RuleDocument[]>('actions').notNull(),
  ...lifecycle(),
});

export const workflows = sqliteTable('workflows', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  description: text('description').notNull(),
  enabled: flag('enabled').notNull(),
  triggers: json<RuleDocument[]>('triggers').notNull(),
  variables: json<Record<string, unknown>>('variables').notNull(),
  steps: json<RuleDocument[]>('steps').notNull(),
  ...lifecycle(),
});

/** One action a shortcut applies to a conversation, e.g. set status to done. */
export type ShortcutAction = { property: string; value: unknown };

export const shortcuts = sqliteTable('shortcuts', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  message: text('message').notNull(),
  shareAccess: text('share_access').$type<ShareAccess>().notNull(),
  sharedUsers: json<string[]>('shared_users').notNull(),
  sharedTeams: json<string[]>('shared_teams').notNull(),
  actions: json<ShortcutAction[]>('actions').notNull(),
  ...lifecycle(),
});

export const savedSearches = sqliteTable('saved_searches', {
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  query: json<RuleDocument>('query').notNull(),
  enabled: flag('enabled').notNull(),
  badgeEnabled: flag('badge_enabled').notNull(),
  badgeColor: text('badge_color'),
  icon: text('icon'),
  visibleByDefault: flag('visible_by_default').notNull(),
  visibleToUsers: json<string[]>('visible_to_users').notNull(),
  visibleToTeams: json<string[]>('visible_to_teams').notNull(),
  columns: json<string[]>('columns').notNull(),
  ...lifecycle(),
});

/**
 * A person's saved view of the audit log: a named filter in the log's query
 * parameter form (`category=settings&event=update`), private to its owner
 * unless `shared` with the workspace. `defaultFor` lists the people who open
 * the log on this view (each person has at most one, kept so by the views
 * router), so choosing a default is an audited change like any other.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    ownerId: text('owner_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    filter: text('filter').notNull(),
    shared: flag('shared').notNull(),
    defaultFor: json<string[]>('default_for').notNull(),
    ...lifecycle(),
  },
  (t) => [index('saved_views_org_owner_idx').on(t.orgId, t.ownerId)],
);
