import { getTableColumns, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AuditEventName, Category, Section, SubjectType } from '../../shared/enums';
import type { Reader, Tx } from '../db/sql';
import { auditEvents } from '../db/schema';
import { insertRow, insertRows, selectLiveRow, updateRow } from '../db/table-statements';
import type { CustomAttributes } from '../db/schema/columns';
import { ApiError } from '../errors';
import { matchWatches } from '../notifications/match';
import type { Actor, AuditContext } from './context';
import type { EntityDefinition, SubjectLinks } from './definition';
import { diffProperties, mergeCustom, type PropertyChange } from './diff';
import { chainRows } from './chain/append';
import { canonicalJson, encodeValue, toAuditValue } from './values';

/*
 * The one write path. Every change to an audited table goes through these
 * functions, which write the row and its audit rows with the same `tx`, so a
 * change and its record commit or roll back together. Callers get `tx` from
 * the write queue (backend/db/write-queue.ts).
 */

type Row<T extends SQLiteTable> = InferSelectModel<T>;
type SystemColumns = 'id' | 'orgId' | 'createdAt' | 'updatedAt' | 'deletedAt';
// Key remapping rather than Omit: Omit loses drizzle's optional insert columns.
export type NewEntity<T extends SQLiteTable> = {
  [K in keyof InferInsertModel<T> as K extends SystemColumns ? never : K]: InferInsertModel<T>[K];
} & { id?: string };
export type EntityPatch<T extends SQLiteTable> = Partial<Omit<Row<T>, SystemColumns>>;

export interface ChangeOptions {
  /** Overrides the event name (default create/update/delete). */
  event?: AuditEventName;
  /** Files the rows under another category/section, e.g. routing changes to a conversation. */
  category?: Category;
  section?: Section;
  /** Extra facts about the change, e.g. the shortcut that made it or the event it reverts. */
  context?: Record<string, unknown>;
}

export interface UpdateOptions<T extends SQLiteTable> extends ChangeOptions {
  /** Columns written with the change but not audited themselves (timestamps of a redaction, a merge). */
  system?: Partial<Row<T>>;
  /** Record that the properties changed but not their values (redaction). */
  omitValues?: boolean;
}

/** One audit row before the engine adds who, when, where and the ids. */
export interface AuditDraft {
  /** The row's id when it must be known before it is written (a purge's tombstones name their `purged` row); a new id otherwise. */
  id?: string;
  event: AuditEventName;
  category: Category;
  section: Section;
  subject: { type: SubjectType; id: string; label: string };
  links: SubjectLinks;
  property: string | null;
  before: unknown;
  after: unknown;
  context?: Record<string, unknown> | undefined;
  /** Who performed it and when, for an event that happened elsewhere (ingested); the context's actor and clock otherwise. */
  actor?: Actor;
  occurredAt?: Date;
}

export interface UpdateResult<T extends SQLiteTable> {
  row: Row<T>;
  changes: PropertyChange[];
}

/** Reads one live (not deleted) row of the organization, or undefined. */
export function findEntity<T extends SQLiteTable>(
  db: Reader | Tx,
  orgId: string,
  def: EntityDefinition<T>,
  id: string,
): Promise<Row<T> | undefined> {
  return selectLiveRow<Row<T>>(db, def.table, id, orgId);
}

/** Like `findEntity`, but answers 404 when there is no such row. */
export async function getEntity<T extends SQLiteTable>(
  db: Reader | Tx,
  orgId: string,
  def: EntityDefinition<T>,
  id: string,
): Promise<Row<T>> {
  const row = await findEntity(db, orgId, def, id);
  if (!row) throw ApiError.notFound(def.subjectType);
  return row;
}

/** Inserts a new object and records its snapshot as one `create` row. */
export async function createEntity<T extends SQLiteTable>(
  tx: Tx,
  ctx: AuditContext,
  def: EntityDefinition<T>,
  values: NewEntity<T>,
  options: ChangeOptions = {},
): Promise<Row<T>> {
  const now = ctx.now();
  const insert: Record<string, unknown> = { ...values, id: values.id ?? ctx.newId(), orgId: ctx.orgId, createdAt: now, updatedAt: now };
  await insertRow(tx, def.table, insert);
  // Audited tables have no column defaults: the row is what was inserted.
  const row = Object.fromEntries(Object.keys(getTableColumns(def.table)).map((key) => [key, insert[key] ?? null])) as Row<T>;
  await appendAudit(tx, ctx, [
    draftFor(def, row, options, { event: 'create', property: null, before: null, after: snapshot(def, row) }),
  ]);
  return row;
}

/**
 * Applies `patch` to one object and records one row per property that really
 * changed, all sharing one change id. A patch that changes nothing writes
 * nothing. `patch.custom` is merged into the current custom attributes
 * (a null value removes an attribute). `patch` may be a function of the
 * current row, for changes that depend on it (read once, in the transaction).
 */
export async function updateEntity<T extends SQLiteTable>(
  tx: Tx,
  ctx: AuditContext,
  def: EntityDefinition<T>,
  id: string,
  patchOrChange: EntityPatch<T> | ((current: Row<T>) => EntityPatch<T> | Promise<EntityPatch<T>>),
  options: UpdateOptions<T> = {},
): Promise<UpdateResult<T>> {
  const current = await getEntity(tx, ctx.orgId, def, id);
  const patch = typeof patchOrChange === 'function' ? await patchOrChange(current) : patchOrChange;
  const currentValues = current as Record<string, unknown>;
  const next: Record<string, unknown> = { ...currentValues, ...patch };
  if ('custom' in patch && patch.custom !== undefined) {
    next.custom = mergeCustom((currentValues.custom ?? {}) as CustomAttributes, patch.custom as CustomAttributes);
  }
  const changes = diffProperties(currentValues, next, def.tracked);
  if (changes.length === 0 && !options.system) return { row: current, changes };

  const set: Record<string, unknown> = { ...options.system, updatedAt: ctx.now() };
  for (const { property } of changes) {
    const column = property.startsWith('custom.') ? 'custom' : property;
    set[column] = next[column];
  }
  await updateRow(tx, def.table, id, ctx.orgId, set);
  // The row was read in this transaction, so the new row is known without RETURNING.
  const row = { ...current, ...set } as Row<T>;

  await appendAudit(
    tx,
    ctx,
    changes.map((change) =>
      draftFor(def, row, options, {
        event: 'update',
        property: change.property,
        before: options.omitValues ? null : change.before,
        after: options.omitValues ? null : change.after,
      }),
    ),
  );
  return { row, changes };
}

/** Marks an object deleted and records its last snapshot as one `delete` row. */
export async function deleteEntity<T extends SQLiteTable>(
  tx: Tx,
  ctx: AuditContext,
  def: EntityDefinition<T>,
  id: string,
  options: ChangeOptions = {},
): Promise<Row<T>> {
  const current = await getEntity(tx, ctx.orgId, def, id);
  const now = ctx.now();
  await updateRow(tx, def.table, id, ctx.orgId, { deletedAt: now, updatedAt: now });
  await appendAudit(tx, ctx, [
    draftFor(def, current, options, { event: 'delete', property: null, before: snapshot(def, current), after: null }),
  ]);
  return current;
}

/** An audit draft about `row`, filed where `def` (or `options`) says. */
export function draftFor<T extends SQLiteTable>(
  def: EntityDefinition<T>,
  row: Row<T>,
  options: ChangeOptions,
  fields: { event: AuditEventName; property: string | null; before: unknown; after: unknown },
): AuditDraft {
  return {
    event: options.event ?? fields.event,
    category: options.category ?? def.category,
    section: options.section ?? def.section,
    subject: { type: def.subjectType, id: (row as { id: string }).id, label: def.label(row) },
    links: def.links(row),
    property: fields.property,
    before: fields.before,
    after: fields.after,
    context: options.context,
  };
}

/** The audited properties of a row, as recorded on create and delete. */
export function snapshot<T extends SQLiteTable>(def: EntityDefinition<T>, row: Row<T>): Record<string, unknown> {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(def.tracked.map((property) => [property, values[property] ?? null]));
}

/**
 * Appends audit rows for events that are not a change of an audited table
 * (a sign-in, a survey offered) or that accompany one. All rows of one call
 * share a change id.
 */
export async function appendAudit(tx: Tx, ctx: AuditContext, drafts: AuditDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const occurredAt = ctx.now().getTime();
  const changeId = ctx.changeId ?? ctx.newId();
  const rows = drafts.map((d) => ({
    id: d.id ?? ctx.newId(),
    orgId: ctx.orgId,
    occurredAt: d.occurredAt?.getTime() ?? occurredAt,
    actorType: (d.actor ?? ctx.actor).type,
    actorId: (d.actor ?? ctx.actor).id,
    actorName: (d.actor ?? ctx.actor).name,
    event: d.event,
    category: d.category,
    section: d.section,
    subjectType: d.subject.type,
    subjectId: d.subject.id,
    subjectLabel: d.subject.label,
    customerId: d.links.customerId,
    conversationId: d.links.conversationId,
    property: d.property,
    before: encodeValue(d.before),
    after: encodeValue(d.after),
    changeId,
    context: d.context ? canonicalJson(d.context) : null,
    requestId: ctx.source.requestId,
    ip: ctx.source.ip,
    userAgent: ctx.source.userAgent,
    apiKeyId: ctx.source.apiKeyId,
  }));
  // Each row's place in its workspace's hash chain, linked in this transaction.
  const links = await chainRows(tx, ctx.orgId, rows, drafts.map((d) => ({ before: toAuditValue(d.before), after: toAuditValue(d.after) })));
  await insertRows(tx, auditEvents, rows.map((row, i) => ({ ...row, ...links[i] })));
  // People's watches see the events in this transaction: a match is never lost, and never made for a write that rolled back.
  await matchWatches(tx, rows, ctx.newId);
}
