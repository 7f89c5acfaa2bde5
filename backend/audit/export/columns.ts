import type { auditEvents } from '../../db/schema';
import { csvField, csvRecord } from './csv';
import { isoTime } from './iso-time';
import { neutralizeFormula } from './neutralize';

type AuditRow = typeof auditEvents.$inferSelect;

/**
 * A stored before/after value as a cell: JSON text, except that a string is
 * shown without its JSON quotes (`Ana`, not `"Ana"`) and "no value" is empty.
 * Reads the stored JSON text directly: re-serializing every value would cost
 * more than the rest of the row.
 */
function valueCell(stored: string | null): string {
  if (stored === null) return '';
  return stored.startsWith('"') ? (JSON.parse(stored) as string) : stored;
}

/** The export's columns: the seed's seven first, in its order, then every other fact of the row. */
const COLUMNS: ReadonlyArray<readonly [header: string, cell: (row: AuditRow) => string | null]> = [
  ['Performed By', (r) => r.actorName],
  ['Date', (r) => isoTime(r.occurredAt)],
  ['Event', (r) => r.event],
  ['Section', (r) => r.section],
  ['Property', (r) => r.property],
  ['Before', (r) => valueCell(r.before)],
  ['After', (r) => valueCell(r.after)],
  ['Category', (r) => r.category],
  ['Subject type', (r) => r.subjectType],
  ['Subject', (r) => r.subjectLabel],
  ['Subject id', (r) => r.subjectId],
  ['Customer id', (r) => r.customerId],
  ['Conversation id', (r) => r.conversationId],
  ['Change id', (r) => r.changeId],
  ['Event id', (r) => r.id],
  ['Actor type', (r) => r.actorType],
  ['Actor id', (r) => r.actorId],
  ['IP', (r) => r.ip],
  ['User agent', (r) => r.userAgent],
  ['Request id', (r) => r.requestId],
];

export const AUDIT_CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);
const CELLS = COLUMNS.map(([, cell]) => cell);

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_HEADERS);
}

/**
 * One audit row as a CSV record. Every cell is neutralized: names, labels and
 * values are typed by customers and agents, and an admin opens the file in a
 * spreadsheet.
 */
export function auditCsvRecord(row: AuditRow): string {
  // Cells joined once: adding 40 pieces to a string left a rope of 40 parts
  // per row that encoding each batch then had to walk (~1 µs a row).
  const cells = new Array<string>(CELLS.length);
  for (let i = 0; i < CELLS.length; i++) cells[i] = csvField(neutralizeFormula(CELLS[i]!(row) ?? ''));
  return `${cells.join(',')}\r\n`;
}
