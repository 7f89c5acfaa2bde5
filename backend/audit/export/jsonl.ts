import type { RowPacking } from '../query/rows';
import { EVENT_JSON } from '../query/event-json';

/**
 * Rows as the JSON text of their API event, written by SQLite (the same
 * text the log pages send; test/audit-api/event-json.test.ts holds it equal
 * to presentAuditEvent). JSON escapes every CR and LF inside strings, so a
 * line is always exactly one event.
 */
export const JSONL_PACKING: RowPacking = {
  select: EVENT_JSON,
  positionOf(packed) {
    const event = JSON.parse(packed) as { occurredAt: string; id: string };
    return { occurredAt: Date.parse(event.occurredAt), id: event.id };
  },
};

/** A JSONL_PACKING row as its line. */
export function jsonlLine(packed: string): string {
  return `${packed}\n`;
}
