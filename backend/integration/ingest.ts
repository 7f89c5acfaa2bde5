import { and, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { ActorType, AuditEventName, Category } from '../../shared/enums';
import { IngestedEvent, type IngestResponse, type IngestResult } from '../../shared/schemas/ingestion';
import type { AuditContext } from '../audit/context';
import { appendAudit, type AuditDraft } from '../audit/engine';
import { conversations, customers } from '../db/schema';
import type { Tx } from '../db/sql';

/** How far ahead of this server's clock an event may say it happened: the other system's clock may run a little fast. */
export const FUTURE_SKEW_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Actors another system may name. A person of this workspace (`user`) or
 * Auditdesk itself (`system`) would be impersonated: refused.
 */
const EXTERNAL_ACTOR_TYPES: ReadonlySet<ActorType> = new Set(['api', 'workflow', 'business_rule', 'queue_router']);
/** Events only the log itself records about its own storage. */
const LOG_OWN_EVENTS: ReadonlySet<AuditEventName> = new Set(['purged', 'tamper_refused']);

export interface IngestLimits {
  now: Date;
  /** Days each category is kept: an event already past them would be purged at once. */
  retentionDays: Record<Category, number>;
}

type Checked = { index: number; draft: AuditDraft } | { index: number; error: { code: string; message: string } };

/** Checks each item on its own; a valid one becomes the draft of its audit row. */
export function checkEvents(source: string, items: readonly unknown[], limits: IngestLimits, newId: () => string): Checked[] {
  return items.map((item, index) => {
    const refuse = (code: string, message: string): Checked => ({ index, error: { code, message } });
    const parsed = v.safeParse(IngestedEvent, item);
    if (!parsed.success) return refuse('invalid_event', describeFirstIssue(parsed.issues));
    const event = parsed.output;
    if (!EXTERNAL_ACTOR_TYPES.has(event.actor.type)) {
      return refuse('actor_not_allowed', `An event from another system cannot be recorded as performed by a ${event.actor.type === 'user' ? 'person of this workspace' : 'Auditdesk itself'}; name the actor as api, workflow, business_rule or queue_router.`);
    }
    if (LOG_OWN_EVENTS.has(event.event)) return refuse('event_not_allowed', `Only the audit log itself records ${event.event} events.`);
    const occurredAt = new Date(event.occurredAt);
    if (occurredAt.getTime() > limits.now.getTime() + FUTURE_SKEW_MS) return refuse('occurred_in_future', 'occurredAt is in the future.');
    const keptDays = limits.retentionDays[event.category];
    if (occurredAt.getTime() < limits.now.getTime() - keptDays * DAY_MS) {
      return refuse('occurred_before_retention', `occurredAt is older than the ${keptDays} days ${event.category} events are kept.`);
    }
    return {
      index,
      draft: {
        id: newId(),
        event: event.event,
        category: event.category,
        section: event.section,
        subject: event.subject,
        links: { customerId: event.customerId ?? null, conversationId: event.conversationId ?? null },
        property: event.property ?? null,
        before: event.before ?? null,
        after: event.after ?? null,
        // Namespaced by the source, so it can never be the id of a person or key of this workspace.
        actor: { type: event.actor.type, id: event.actor.id === undefined ? null : `${source}:${event.actor.id}`, name: event.actor.name },
        occurredAt,
        context: { ingested: { source, ...(event.id !== undefined && { sourceEventId: event.id }) } },
      },
    };
  });
}

/**
 * Writes the accepted events (one chained append, in `tx`) and answers every
 * item. An event linked to a customer or conversation that is not one of the
 * workspace's (deleted ones count: the history may predate the deletion) is
 * refused, so another system's events appear only in histories they belong to.
 */
export async function writeIngested(tx: Tx, ctx: AuditContext, checkedItems: readonly Checked[]): Promise<IngestResponse> {
  const checked = await refuseUnknownLinks(tx, ctx.orgId, checkedItems);
  const drafts = checked.flatMap((c) => ('draft' in c ? [c.draft] : []));
  await appendAudit(tx, ctx, drafts);
  const results: IngestResult[] = checked.map((c) => ('draft' in c ? { index: c.index, id: c.draft.id! } : c));
  return { summary: { accepted: drafts.length, rejected: checked.length - drafts.length }, results };
}

async function refuseUnknownLinks(tx: Tx, orgId: string, checked: readonly Checked[]): Promise<readonly Checked[]> {
  const drafts = checked.flatMap((c) => ('draft' in c ? [c.draft] : []));
  const [knownCustomers, knownConversations] = await Promise.all([
    knownIds(tx, orgId, customers, drafts.map((d) => d.links.customerId)),
    knownIds(tx, orgId, conversations, drafts.map((d) => d.links.conversationId)),
  ]);
  return checked.map((c) => {
    if (!('draft' in c)) return c;
    const { customerId, conversationId } = c.draft.links;
    if (customerId !== null && !knownCustomers.has(customerId)) {
      return { index: c.index, error: { code: 'unknown_customer', message: 'customerId is not a customer of this workspace.' } };
    }
    if (conversationId !== null && !knownConversations.has(conversationId)) {
      return { index: c.index, error: { code: 'unknown_conversation', message: 'conversationId is not a conversation of this workspace.' } };
    }
    return c;
  });
}

async function knownIds(tx: Tx, orgId: string, table: typeof customers | typeof conversations, ids: ReadonlyArray<string | null>): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await tx.select({ id: table.id }).from(table).where(and(eq(table.orgId, orgId), inArray(table.id, wanted)));
  return new Set(rows.map((r) => r.id));
}

function describeFirstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
