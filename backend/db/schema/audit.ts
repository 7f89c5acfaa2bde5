import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ActorType, AuditEventName, Category, Section, SubjectType } from '../../../shared/enums';
import { lifecycle } from './columns';
import { organizations } from './workspace';

/**
 * One row per changed property. Rows are only ever appended by the audit
 * engine, in the transaction of the change they describe (redaction and
 * retention are the two deliberate exceptions, both audited themselves).
 * `before`/`after` hold JSON text; `occurred_at` is epoch milliseconds so that
 * keyset pages on (occurred_at, id) stay index-only.
 * Triggers refuse UPDATE and DELETE outside those two paths (migration 0007).
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => organizations.id),
    occurredAt: integer('occurred_at').notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    event: text('event').$type<AuditEventName>().notNull(),
    category: text('category').$type<Category>().notNull(),
    section: text('section').$type<Section>().notNull(),
    subjectType: text('subject_type').$type<SubjectType>().notNull(),
    subjectId: text('subject_id').notNull(),
    subjectLabel: text('subject_label').notNull(),
    customerId: text('customer_id'),
    conversationId: text('conversation_id'),
    property: text('property'),
    before: text('before'),
    after: text('after'),
    changeId: text('change_id').notNull(),
    context: text('context'),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    apiKeyId: text('api_key_id'),
    /** Place in the workspace's hash chain: 1, 2, 3… with no gaps (backend/audit/chain/). */
    seq: integer('seq'),
    /** SHA-256(previous event's hash ‖ this event's leaf hash), 32 bytes. */
    hash: blob('hash', { mode: 'buffer' }),
    /** The salts of before/after's commitments (backend/audit/chain/seals.ts), JSON; null when both are null. */
    seals: text('seals'),
  },
  (t) => [
    uniqueIndex('audit_chain_idx').on(t.orgId, t.seq),
    index('audit_org_time_idx').on(t.orgId, t.occurredAt, t.id),
    index('audit_conversation_idx').on(t.orgId, t.conversationId, t.occurredAt, t.id),
    index('audit_customer_idx').on(t.orgId, t.customerId, t.occurredAt, t.id),
    // A row about a conversation or a customer itself (most rows) is found by the link index of that id:
    // this one holds only the others, one B-tree insert fewer on the hottest writes (backend/audit/subject-rows.ts).
    index('audit_unlinked_subject_idx')
      .on(t.orgId, t.subjectType, t.subjectId, t.occurredAt, t.id)
      .where(sql`${t.subjectId} is not ${t.conversationId} and ${t.subjectId} is not ${t.customerId}`),
    index('audit_actor_idx').on(t.orgId, t.actorId, t.occurredAt, t.id),
    index('audit_category_idx').on(t.orgId, t.category, t.occurredAt, t.id),
    // The rows of one change (the detail drawer pages through a change of any width).
    index('audit_change_idx').on(t.orgId, t.changeId, t.occurredAt, t.id),
    // The Performed By filter matches a recorded name case-insensitively (NOCASE): the index must use the same collation to serve it.
    index('audit_actor_name_idx').on(t.orgId, sql`${t.actorName} collate nocase`, t.occurredAt, t.id),
  ],
);

/**
 * How long each workspace keeps its log: `days` for every category, with
 * optional per-category overrides. One row per organization (id = org id),
 * changed through the audit engine like any setting.
 */
export const retentionSettings = sqliteTable('retention_settings', {
  id: text('id')
    .primaryKey()
    .references(() => organizations.id),
  orgId: text('org_id').notNull().references(() => organizations.id),
  days: integer('days').notNull(),
  categoryDays: text('category_days', { mode: 'json' }).$type<Partial<Record<Category, number>>>().notNull(),
  ...lifecycle(),
});
