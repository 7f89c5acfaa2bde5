import * as v from 'valibot';
import { ACTOR_KINDS, CATEGORIES, EVENTS, SECTIONS } from '../enums';
import { Id, SafeString } from './common';

/** A day (`2026-11-21`, the whole UTC day) or an instant (`2026-11-21T10:15:03Z`). */
const DateOrInstant = v.pipe(
  SafeString,
  v.check(
    (s) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an ISO date (YYYY-MM-DD) or timestamp',
  ),
);

/** The most values one filter takes (the parameter repeated). */
export const MAX_FILTER_VALUES = 20;

/**
 * A filter that takes several values by repeating the parameter
 * (`event=update&event=create`, OR-ed). The query string gives one value as
 * a string and a repeated one as an array; both parse to an array, so one
 * value stays valid exactly as before.
 */
function listOf<T extends v.GenericSchema<unknown, string>>(item: T) {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value) => (Array.isArray(value) ? (value as unknown[]) : [value])),
      v.maxLength(MAX_FILTER_VALUES, `must have at most ${MAX_FILTER_VALUES} values`),
      v.array(item),
    ),
  );
}

const FreeValue = v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200));
const CategoryValue = v.picklist(CATEGORIES);
/** A user id, an API key id (the automation's actor), or an actor's name (case-insensitive, exact). */
const ActorValue = FreeValue;
/** A customer id, or part of a customer's name (case-insensitive). */
const CustomerValue = FreeValue;
const SectionValue = v.picklist(SECTIONS);
const EventValue = v.picklist(EVENTS);

/**
 * The filters that take several values (OR-ed) and an exclusion (`not…`,
 * also repeatable). Order matters only for documentation.
 */
export const LIST_FILTERS = ['category', 'actor', 'conversation', 'customer', 'section', 'event', 'property'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/**
 * The log's filters, shared by the workspace log, the subject histories, the
 * filter helpers, export and stream. All optional, combined with AND; the
 * values of one filter are OR-ed. `notX` leaves out the rows matching any
 * of its values; a row without that column (no property, no customer) is
 * kept by an exclusion. The filter bar's "Event Types" is `category` and
 * its "User" is `actor`.
 */
export const AuditFilterFields = {
  category: listOf(CategoryValue),
  notCategory: listOf(CategoryValue),
  actor: listOf(ActorValue),
  notActor: listOf(ActorValue),
  /** People (`person`: users) or automations (`automation`: workflows, rules, routers, API keys, the system). */
  actorKind: v.optional(v.picklist(ACTOR_KINDS)),
  conversation: listOf(Id),
  notConversation: listOf(Id),
  customer: listOf(CustomerValue),
  notCustomer: listOf(CustomerValue),
  section: listOf(SectionValue),
  notSection: listOf(SectionValue),
  event: listOf(EventValue),
  notEvent: listOf(EventValue),
  property: listOf(FreeValue),
  notProperty: listOf(FreeValue),
  /** The rows of one change (an event's `changeId`): every property one write changed. */
  change: v.optional(Id),
  /** Inclusive. */
  from: v.optional(DateOrInstant),
  /** Exclusive; a bare date means "up to the end of that UTC day". */
  to: v.optional(DateOrInstant),
  /** Free text over subject labels, property names and before/after values. */
  q: v.optional(v.pipe(SafeString, v.maxLength(500))),
};

/** `limit` (1–200, default 50) and the opaque signed `cursor` of a log page. */
export const AuditPageFields = {
  limit: v.optional(v.pipe(SafeString, v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)), '50'),
  cursor: v.optional(v.pipe(SafeString, v.maxLength(400))),
};

/** The query string of `GET /audit` and of the subject histories. */
export const AuditQuery = v.strictObject({ ...AuditFilterFields, ...AuditPageFields });

/** Just the filters (helpers, export and stream add their own fields to these). */
export const AuditFilterQuery = v.strictObject(AuditFilterFields);

/** Parsed filters; `limit` and `cursor` are present on page queries only. */
export type AuditFilters = v.InferOutput<typeof AuditFilterQuery> & Partial<Pick<v.InferOutput<typeof AuditQuery>, 'limit' | 'cursor'>>;

/** The filter names (for hashing and for building other schemas). */
export const AUDIT_FILTER_NAMES = Object.keys(AuditFilterFields) as Array<keyof typeof AuditFilterFields>;

/** The exclusion parameter of a list filter: `event` → `notEvent`. */
export function exclusionOf<F extends ListFilter>(name: F): `not${Capitalize<F>}` {
  return `not${name[0]!.toUpperCase()}${name.slice(1)}` as `not${Capitalize<F>}`;
}

/**
 * Parsed filters back in the query string's own form: one value as a
 * string, several as an array (what a client sends, and what is worth storing).
 */
export function filterParamsOf(filters: AuditFilters): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (value === undefined) continue;
    params[name] = Array.isArray(value) && value.length === 1 ? value[0]! : value;
  }
  return params;
}
