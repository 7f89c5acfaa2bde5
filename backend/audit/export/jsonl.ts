import type { AuditEvent } from '../../../shared/audit-event';

/**
 * One event per line (JSON Lines): JSON.stringify escapes every CR and LF
 * inside strings, so a line is always exactly one event.
 */
export function jsonlLine(event: AuditEvent): string {
  return `${JSON.stringify(event)}\n`;
}
