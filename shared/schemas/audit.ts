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

/**
 * The log's filters, shared by the workspace log, the subject histories, the
 * filter helpers, export and stream. All optional, combined with AND. The
 * filter bar's "Event Types" is `category` and its "User" is `actor`;
 * `customer` takes an id or (part of) a name.
 */
export const AuditFilterFields = {
  category: v.optional(v.picklist(CATEGORIES)),
  /** A user id or an API key id (the automation's actor). */
  actor: v.optional(Id),
  /** People (`person`: users) or automations (`automation`: workflows, rules, routers, API keys, the system). */
  actorKind: v.optional(v.picklist(ACTOR_KINDS)),
  conversation: v.optional(Id),
  /** A customer id, or part of a customer's name (case-insensitive). */
  customer: v.optional(v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200))),
  section: v.optional(v.picklist(SECTIONS)),
  event: v.optional(v.picklist(EVENTS)),
  property: v.optional(v.pipe(SafeString, v.trim(), v.nonEmpty('must not be empty'), v.maxLength(200))),
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
