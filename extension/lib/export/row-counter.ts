import type { ExportFormat } from './export-format';

const LF = 0x0a;
const QUOTE = 0x22;
/** How a JSONL export's last line, the checkpoint that proves it, begins. */
const TRAILER = new TextEncoder().encode('{"checkpoint":');

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
 * JSON Lines: every line feed ends a line (JSON escapes them in strings),
 * and every line is an event but the proof's trailer: the export ends with
 * one `{"checkpoint":…}` line, the checkpoint its events verify against.
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
  /** The first bytes of the line being read, and whether the last finished line was the trailer. */
  let lineStart: number[] = [];
  let endedWithTrailer = false;
  const isTrailer = (start: readonly number[]) => start.length === TRAILER.length && start.every((byte, i) => byte === TRAILER[i]);
  const noteLineStart = (chunk: Uint8Array, from: number) => {
    for (let i = from; i < chunk.length && lineStart.length < TRAILER.length; i++) lineStart.push(chunk[i]!);
  };
  const countLines = (chunk: Uint8Array) => {
    // indexOf is native: a million-row file is scanned without a JavaScript loop per byte.
    let from = 0;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      records++;
      noteLineStart(chunk.subarray(0, at), from);
      endedWithTrailer = isTrailer(lineStart);
      lineStart = [];
      from = at + 1;
    }
    noteLineStart(chunk, from);
  };
  const count = format === 'csv' ? countCsv : countLines;
  const rows = () => Math.max(0, records - header - (endedWithTrailer ? 1 : 0));

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
        endedWithTrailer = format === 'jsonl' && isTrailer(lineStart);
        open = false;
      }
      return rows();
    },
  };
}
