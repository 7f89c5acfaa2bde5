import * as v from 'valibot';
import { AuditFilterQuery, type AuditFilters } from '../../../shared/schemas/audit';
import { queryObjectOf } from '../../../shared/schemas/views';
import { timeRangeOf } from '../../audit/query/where';
import type { watches, WatchThresholdColumn } from '../../db/schema';

/** What a watch waits for, ready to be matched (parsed once per load of a workspace's watches). */
export interface ActiveWatch {
  id: string;
  orgId: string;
  ownerId: string;
  name: string;
  includeOwn: boolean;
  subject: { type: 'customer' | 'conversation'; id: string; property: string | null; value: string | null } | null;
  /** The stored filter (query parameter form) and its parsed filters; null for a subject watch. */
  filter: { text: string; filters: AuditFilters; range: { from?: number; to?: number } } | null;
  threshold: WatchThresholdColumn | null;
}

type WatchRow = typeof watches.$inferSelect;

/** Parses a stored log filter as GET /audit would; null when it no longer parses (it then matches nothing). */
export function parseFilter(text: string): AuditFilters | null {
  const parsed = v.safeParse(AuditFilterQuery, queryObjectOf(new URLSearchParams(text)));
  return parsed.success ? parsed.output : null;
}

/** A stored watch as the matcher uses it; null when it can match nothing (a filter that no longer parses). */
export function activeWatchOf(row: WatchRow): ActiveWatch | null {
  const base = { id: row.id, orgId: row.orgId, ownerId: row.ownerId, name: row.name, includeOwn: row.includeOwn, threshold: row.threshold };
  if (row.subjectType && row.subjectId) {
    return { ...base, subject: { type: row.subjectType, id: row.subjectId, property: row.property, value: row.value }, filter: null };
  }
  if (row.filter === null) return null;
  const filters = parseFilter(row.filter);
  if (!filters) return null;
  let range: { from?: number; to?: number };
  try {
    range = timeRangeOf(filters);
  } catch {
    return null; // a reversed range selects nothing
  }
  return { ...base, subject: null, filter: { text: row.filter, filters, range } };
}
