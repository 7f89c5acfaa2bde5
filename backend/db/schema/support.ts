import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Channel, ConversationStatus, Priority } from '../../../shared/enums';
import { type CustomAttributes, flag, id, json, lifecycle, timestamp } from './columns';
import { organizations, queues, users } from './workspace';

/** Social profiles by network, e.g. `{ twitter: "@ana" }`. */
export type SocialProfiles = Record<string, string>;

export const companies = sqliteTable(
  'companies',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    externalId: text('external_id'),
    avatarUrl: text('avatar_url'),
    emails: json<string[]>('emails').notNull(),
    phones: json<string[]>('phones').notNull(),
    socials: json<SocialProfiles>('socials').notNull(),
    urls: json<string[]>('urls').notNull(),
    location: text('location'),
    domain: text('domain'),
    employeeCount: integer('employee_count'),
    tags: json<string[]>('tags').notNull(),
    defaultLanguage: text('default_language'),
    custom: json<CustomAttributes>('custom').notNull(),
    ...lifecycle(),
  },
  (t) => [index('companies_org_name_idx').on(t.orgId, t.name)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    username: text('username'),
    avatarUrl: text('avatar_url'),
    emails: json<string[]>('emails').notNull(),
    phones: json<string[]>('phones').notNull(),
    urls: json<string[]>('urls').notNull(),
    location: text('location'),
    timezone: text('timezone'),
    birthday: text('birthday'),
    gender: text('gender'),
    tags: json<string[]>('tags').notNull(),
    defaultLanguage: text('default_language'),
    companyId: text('company_id').references(() => companies.id),
    companyExternalId: text('company_external_id'),
    signedUpAt: text('signed_up_at'),
    socials: json<SocialProfiles>('socials').notNull(),
    facebookId: text('facebook_id'),
    custom: json<CustomAttributes>('custom').notNull(),
    mergedIntoId: text('merged_into_id'),
    ...lifecycle(),
  },
  (t) => [index('customers_org_name_idx').on(t.orgId, t.name)],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: id(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    name: text('name').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    status: text('status').$type<ConversationStatus>().notNull(),
    snoozedUntil: text('snoozed_until'),
    endedReason: text('ended_reason'),
    priority: text('priority').$type<Priority>().notNull(),
    tags: json<string[]>('tags').notNull(),
    assignedUsers: json<string[]>('assigned_users').notNull(),
    assignedTeams: json<string[]>('assigned_teams').notNull(),
    defaultLanguage: text('default_language'),
    assistant: text('assistant'),
    // Routing: which queue the conversation waits in, the rule that put it
    // there, who accepted it, and whether it came in through the IVR.
    queueId: text('queue_id').references(() => queues.id),
    queueRule: text('queue_rule'),
    acceptedBy: text('accepted_by').references(() => users.id),
    ivr: flag('ivr').notNull(),
    slaBreachedAt: text('sla_breached_at'),
    custom: json<CustomAttributes>('custom').notNull(),
    mergedIntoId: text('merged_into_id'),
    ...lifecycle(),
  },
  (t) => [
    index('conversations_customer_idx').on(t.customerId, t.createdAt),
    index('conversations_org_updated_idx').on(t.orgId, t.updatedAt),
  ],
);

/**
 * The leading columns of a record about one conversation (messages,
 * recordings, surveys): its id, its org, the conversation and its customer.
 */
const conversationRecord = () => ({
  id: id(),
  orgId: text('org_id').notNull().references(() => organizations.id),
  conversationId: text('conversation_id')
    .notNull()
    .references(() => conversations.id),
  customerId: text('customer_id')
    .notNull()
    .references(() => customers.id),
});

/** Who wrote a message: the customer, a teammate, or an automation. */
export type MessageAuthor = { type: 'customer' | 'user' | 'automation'; id: string | null; name: string };

export const messages = sqliteTable(
  'messages',
  {
    ...conversationRecord(),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    author: json<MessageAuthor>('author').notNull(),
    // null once redacted: redaction keeps no copy of the content anywhere
    body: text('body'),
    redactedAt: timestamp('redacted_at'),
    redactedById: text('redacted_by_id'),
    ...lifecycle(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.createdAt)],
);

export const voiceRecordings = sqliteTable(
  'voice_recordings',
  {
    ...conversationRecord(),
    durationSeconds: integer('duration_seconds').notNull(),
    recordingUrl: text('recording_url').notNull(),
    ...lifecycle(),
  },
  (t) => [index('voice_recordings_conversation_idx').on(t.conversationId)],
);

export type SurveyStatus = 'scheduled' | 'offered' | 'rated';

/** A satisfaction (CSAT) survey about one conversation. */
export const surveys = sqliteTable(
  'surveys',
  {
    ...conversationRecord(),
    status: text('status').$type<SurveyStatus>().notNull(),
    scheduledFor: text('scheduled_for'),
    offeredAt: text('offered_at'),
    rating: integer('rating'),
    comment: text('comment'),
    ...lifecycle(),
  },
  (t) => [index('surveys_conversation_idx').on(t.conversationId)],
);
