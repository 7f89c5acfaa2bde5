/**
 * RFC 4180 CSV: records end with CRLF, a field holding a comma, a double
 * quote, CR or LF is enclosed in double quotes, and its quotes are doubled.
 * Nothing here knows about audit rows (see columns.ts).
 */

/**
 * The UTF-8 byte order mark, written once at the start of an export: without
 * it Excel opens the file as the local ANSI code page and mangles every
 * non-ASCII name. Other CSV readers skip it.
 */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, CRLF included. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
