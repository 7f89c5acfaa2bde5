import type { ExportFormat } from './export-format';

const LF = 0x0a;
const QUOTE = 0x22;

/** Counts the rows of an export as its bytes arrive, in chunks cut anywhere. */
export interface RowCounter {
  /** Takes the next chunk; answers the rows complete so far. */
  add(chunk: Uint8Array): number;
  /** The rows of the whole file, a last line without its line break included. */
  end(): number;
}

/**
 * A row counter for `format`. It reads bytes, never text: in UTF-8 no byte
 * of a multi-byte character is an ASCII quote or line feed, so nothing
 * needs decoding and a chunk may end inside a character.
 *
 * CSV (RFC 4180): a record ends at a line feed outside quotes; a quoted
 * field may hold line breaks, and its doubled quotes (`""`) flip the state
 * twice, leaving it as it was. The first record is the header, not a row.
 * JSON Lines: every line feed ends an event (JSON escapes them in strings).
 */
export function rowCounter(format: ExportFormat): RowCounter {
  const header = format === 'csv' ? 1 : 0;
  let records = 0;
  let inQuotes = false;
  /** Whether bytes arrived since the last record ended (a last line without its line feed). */
  let open = false;

  const countCsv = (chunk: Uint8Array) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === LF && !inQuotes) records++;
    }
  };
  const countLines = (chunk: Uint8Array) => {
    // indexOf is native: a million-row file is scanned without a JavaScript loop per byte.
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) records++;
  };
  const count = format === 'csv' ? countCsv : countLines;
  const rows = () => Math.max(0, records - header);

  return {
    add(chunk) {
      if (chunk.length === 0) return rows();
      count(chunk);
      open = chunk[chunk.length - 1] !== LF || inQuotes;
      return rows();
    },
    end() {
      if (open) {
        records++;
        open = false;
      }
      return rows();
    },
  };
}
