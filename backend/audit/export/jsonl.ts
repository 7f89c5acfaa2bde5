/**
 * An event's JSON text (EVENT_JSON_PACKING) as a JSON Lines line: JSON
 * escapes every CR and LF inside strings, so a line is always exactly one
 * event.
 */
export function jsonlLine(eventJson: string): string {
  return `${eventJson}\n`;
}
