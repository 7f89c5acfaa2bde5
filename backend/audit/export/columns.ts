import { sql } from 'drizzle-orm';
import type { RowPacking } from '../query/rows';
import type { SourceFields } from '../source-fields';
import { csvField, csvRecord } from './csv';
import { neutralizeFormula } from './neutralize';

/**
 * A stored before/after value as a cell: its JSON text, except that a string
 * is shown without its JSON quotes (`Ana`, not `"Ana"`) and "no value"
 * (SQL NULL) is an empty cell.
 */
const valueCell = (column: string) => `case when substr(${column}, 1, 1) = '"' then ${column} ->> '$' else ${column} end`;

/**
 * The export's columns, as the SQL of each cell's text: the seven a person
 * reads (the log's own: Performed By to After) first, then every other fact
 * of the row. The date is
 * toISOString()'s format (the API's), to the millisecond.
 */
const COLUMNS: ReadonlyArray<readonly [header: string, cell: string]> = [
  ['Performed By', 'audit_events.actor_name'],
  ['Date', `strftime('%Y-%m-%dT%H:%M:%fZ', audit_events.occurred_at / 1000.0, 'unixepoch')`],
  ['Event', 'audit_events.event'],
  ['Section', 'audit_events.section'],
  ['Property', 'audit_events.property'],
  ['Before', valueCell('audit_events.before')],
  ['After', valueCell('audit_events.after')],
  ['Category', 'audit_events.category'],
  ['Subject type', 'audit_events.subject_type'],
  ['Subject', 'audit_events.subject_label'],
  ['Subject id', 'audit_events.subject_id'],
  ['Customer id', 'audit_events.customer_id'],
  ['Conversation id', 'audit_events.conversation_id'],
  ['Change id', 'audit_events.change_id'],
  ['Event id', 'audit_events.id'],
  ['Actor type', 'audit_events.actor_type'],
  ['Actor id', 'audit_events.actor_id'],
  ['IP', 'audit_events.ip'],
  ['User agent', 'audit_events.user_agent'],
  ['Request id', 'audit_events.request_id'],
];

export const AUDIT_CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);

/** Where the cells start in a CSV-packed row (after the keyset position). */
const FIRST_CELL = 2;

/**
 * Rows shaped for CSV by SQLite: `[occurred_at, id, …cell texts]`. Formatting
 * a row from its 23 stored columns in JavaScript (JSON-parsing values,
 * building dates, building a row object first) cost ~10 µs a row, most of an
 * export's time; SQLite writes the same texts in ~3 µs on the read worker.
 */
function csvPacking(fields: SourceFields): RowPacking {
  const cells = COLUMNS.map(([header, cell]) => (fields === 'all' || !CLIENT_COLUMNS.has(header) ? cell : 'null'));
  return {
    select: sql.raw(`json_array(audit_events.occurred_at, audit_events.id, ${cells.join(', ')})`),
    positionOf(packed) {
      const row = JSON.parse(packed) as [number, string];
      return { occurredAt: row[0], id: row[1] };
    },
  };
}

/** The columns a caller without `audit:source` gets empty (source-fields.ts). */
const CLIENT_COLUMNS: ReadonlySet<string> = new Set(['IP', 'User agent']);

const CSV_PACKING: Record<SourceFields, RowPacking> = { all: csvPacking('all'), without_client: csvPacking('without_client') };

/** CSV-shaped rows for a caller who may see `fields` of each event's source. */
export function csvPackingFor(fields: SourceFields): RowPacking {
  return CSV_PACKING[fields];
}

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_HEADERS);
}

/**
 * The cells of one audit row (in AUDIT_CSV_HEADERS order, null for none) as
 * a CSV record. Every cell is neutralized: names, labels and values are
 * typed by customers and agents, and an admin opens the file in a
 * spreadsheet.
 */
function auditCsvRecord(cells: ReadonlyArray<string | null>): string {
  // Cells joined once: adding 40 pieces to a string left a rope of 40 parts
  // per row that encoding each batch then had to walk (~1 µs a row).
  const out = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = csvField(neutralizeFormula(cells[i] ?? ''));
  return `${out.join(',')}\r\n`;
}

/** A CSV_PACKING row as its CSV record. */
export function auditCsvLine(packed: string): string {
  return auditCsvRecord((JSON.parse(packed) as Array<string | null>).slice(FIRST_CELL));
}
