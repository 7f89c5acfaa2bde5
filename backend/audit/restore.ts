import { and, asc, eq } from 'drizzle-orm';
import type { AuditEventName } from '../../shared/enums';
import type { Reader, Tx } from '../db/sql';
import { auditEvents } from '../db/schema';
import type { CustomAttributes } from '../db/schema/columns';
import { ApiError } from '../errors';
import { hasRedactedSeal } from './chain/seals';
import type { AuditContext } from './context';
import { definitionOf, type EntityDefinition, type RestoreFacts } from './definition';
import { CUSTOM_PREFIX } from './diff';
import { type EntityPatch, findEntity, type UpdateResult, updateEntity } from './engine';
import { RESTORABLE_EVENTS } from '../../shared/restorable';
import { decodeValue, sameValue } from './values';

/*
 * "If something is mistakenly updated, you can see the previous data entry
 * and reenter it": putting an event's `before` back is a new edit by the
 * person restoring it, written through the engine like any other and linked
 * to the event it reverts (context.restoredFrom).
 */

export type AuditRow = typeof auditEvents.$inferSelect;

/** One audit row of the organization, or 404 (another workspace's ids look like unknown ones). */
export async function findAuditEvent(db: Reader, orgId: string, id: string): Promise<AuditRow> {
  const [row] = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.id, id)))
    .limit(1);
  if (!row) throw ApiError.notFound('audit_event');
  return row;
}

/** What a restorable event puts back: which object kind, how it is restored, and which property. */
export interface RestoreTarget {
  def: EntityDefinition;
  restore: RestoreFacts;
  property: string;
}

function refused(reason: string, event: AuditRow): ApiError {
  return ApiError.badRequest(`This event cannot be restored: ${reason}`, { reason: 'not_restorable', event: event.event });
}

/**
 * What cannot be restored, refused as 400 `invalid_request` (the request is
 * well formed but names an event that has no value to put back): anything
 * that is not an edit of a tracked property of an object the log can restore.
 */
export function restoreTargetOf(row: AuditRow): RestoreTarget {
  // Redaction keeps the erased values' commitments in the seals; rows redacted before the chain existed say so in their context.
  const context = row.context ? (JSON.parse(row.context) as Record<string, unknown>) : {};
  if (hasRedactedSeal(row.seals) || context.redacted) throw refused('its values were redacted and are gone for good.', row);
  if (!RESTORABLE_EVENTS.has(row.event)) throw refused(`"${row.event}" events are not edits of a value.`, row);
  if (row.property === null) throw refused('it records no single property.', row);
  const def = definitionOf(row.subjectType);
  if (!def?.restore) throw refused(`changes to a ${row.subjectType.replaceAll('_', ' ')} are made on its own page.`, row);
  const tracked = def.tracked as readonly string[];
  const isTracked = row.property.startsWith(CUSTOM_PREFIX) ? tracked.includes('custom') : tracked.includes(row.property);
  if (!isTracked) throw refused(`"${row.property}" is not a tracked property.`, row);
  return { def, restore: def.restore, property: row.property };
}

/** The value of `property` (a column or `custom.<name>`) on a row. */
function valueOf(row: Record<string, unknown>, property: string): unknown {
  if (!property.startsWith(CUSTOM_PREFIX)) return row[property] ?? null;
  const custom = (row.custom ?? {}) as CustomAttributes;
  return custom[property.slice(CUSTOM_PREFIX.length)] ?? null;
}

/** The patch that sets `property` back to `value`; a custom attribute that did not exist is removed. */
function patchFor(property: string, value: unknown): Record<string, unknown> {
  if (!property.startsWith(CUSTOM_PREFIX)) return { [property]: value };
  return { custom: { [property.slice(CUSTOM_PREFIX.length)]: value } };
}

/** Turning a rule or workflow back on or off reads as what it is in the log. */
function restoreEventName(row: AuditRow, before: unknown): AuditEventName {
  if (row.event === 'enabled' || row.event === 'disabled') return before === true ? 'enabled' : 'disabled';
  return 'update';
}

/**
 * Writes `row.before` back onto its subject in `tx`. Answers 409 when the
 * property no longer holds the event's `after` (someone changed it since),
 * unless `force`; 409 too when the subject itself is gone. The new rows are
 * filed where the reverted event was (a routing change stays a routing change).
 */
export async function restoreEvent(
  tx: Tx,
  ctx: AuditContext,
  row: AuditRow,
  target: RestoreTarget,
  force: boolean,
): Promise<UpdateResult<EntityDefinition['table']>> {
  const { def } = target;
  const { toPatch } = target.restore;
  const before = decodeValue(row.before);
  const after = decodeValue(row.after);
  if (!(await findEntity(tx, ctx.orgId, def, row.subjectId))) {
    throw ApiError.conflict(`The ${row.subjectType.replaceAll('_', ' ')} this event is about was deleted or merged.`);
  }
  return updateEntity(
    tx,
    ctx,
    def,
    row.subjectId,
    async (current) => {
      const now = valueOf(current as Record<string, unknown>, target.property);
      if (!force && !sameValue(now, after)) {
        throw ApiError.conflict(`"${target.property}" has changed since this event; restore with force to overwrite it.`, {
          current: now,
          before,
          after,
        });
      }
      const patch = patchFor(target.property, before) as EntityPatch<typeof def.table>;
      return toPatch ? toPatch(tx, ctx, patch, current) : patch;
    },
    {
      event: restoreEventName(row, before),
      category: row.category,
      section: row.section,
      context: { restoredFrom: row.id },
    },
  );
}

/** The audit rows a restore wrote, oldest first: its change's rows (the change index), about the restored object. */
export function rowsOfRestore(db: Reader, row: AuditRow, changeId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, row.orgId),
        eq(auditEvents.changeId, changeId),
        eq(auditEvents.subjectType, row.subjectType),
        eq(auditEvents.subjectId, row.subjectId),
      ),
    )
    .orderBy(asc(auditEvents.id));
}
