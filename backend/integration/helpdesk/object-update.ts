import * as v from 'valibot';
import { Email, Text } from '../../../shared/schemas/common';
import {
  type AttributeChange,
  GenericObjectUpdate,
  isKustomerShaped,
  KustomerObjectUpdate,
} from '../../../shared/schemas/helpdesk-webhook';

/** One delivery of a helpdesk webhook, whatever shape it came in: an update of one object. */
export interface ObjectUpdate {
  /** The helpdesk's id of this delivery's event: a retry carries the same one. */
  deliveryId: string;
  occurredAt: string;
  object: { type: string; id: string; label: string | null; email: string | null };
  actor: { id: string; name: string | null } | null;
  changes: AttributeChange[];
}

export type ReadUpdate = { ok: true; update: ObjectUpdate } | { ok: false; issues: readonly v.BaseIssue<unknown>[] };

/**
 * Kustomer's bookkeeping timestamps, which move with every update of an
 * object: recorded, they would bury the changes people made.
 */
const KUSTOMER_BOOKKEEPING = new Set(['updatedAt', 'modifiedAt', 'lastActivityAt']);

/** The update a parsed body describes, in Auditdesk's shape or in Kustomer's, or the issues that make it neither. */
export function readObjectUpdate(body: unknown): ReadUpdate {
  if (isKustomerShaped(body)) {
    const parsed = v.safeParse(KustomerObjectUpdate, body);
    return parsed.success ? { ok: true, update: fromKustomer(parsed.output) } : { ok: false, issues: parsed.issues };
  }
  const parsed = v.safeParse(GenericObjectUpdate, body);
  if (!parsed.success) return { ok: false, issues: parsed.issues };
  const { id, occurredAt, object, actor, changes } = parsed.output;
  return {
    ok: true,
    update: {
      deliveryId: id,
      occurredAt,
      object: { type: object.type, id: object.id, label: object.label ?? null, email: object.email ?? null },
      actor: actor ? { id: actor.id, name: actor.name ?? null } : null,
      changes,
    },
  };
}

function fromKustomer(event: KustomerObjectUpdate): ObjectUpdate {
  const attributes: Record<string, unknown> = event.data.attributes ?? {};
  const label = [attributes.displayName, attributes.name, attributes.title].map((value) => valid(Text(500), value)).find((value) => value !== null) ?? null;
  const emails = Array.isArray(attributes.emails) ? attributes.emails : [];
  const email = emails.map((entry: unknown) => valid(Email, (entry as { email?: unknown } | null)?.email)).find((value) => value !== null) ?? null;
  const modifiedBy = valid(Text(200), pathOf(event.data.relationships, ['modifiedBy', 'data', 'id']));
  return {
    deliveryId: event.id,
    occurredAt: event.createdAt,
    object: { type: event.data.type, id: event.data.id, label, email },
    actor: modifiedBy === null ? null : { id: modifiedBy, name: null },
    changes: event.changes.attributes.filter((change) => !KUSTOMER_BOOKKEEPING.has(change.attribute)),
  };
}

/** `value` when `schema` accepts it (Kustomer's optional facts are used only when well-formed), else null. */
function valid<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null {
  const parsed = v.safeParse(schema, value);
  return parsed.success ? parsed.output : null;
}

function pathOf(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
