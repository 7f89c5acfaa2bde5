/*
 * How values read on the pages. Times are shown in UTC, and say so: the
 * server does not know the reader's time zone, and the audit log is in UTC.
 */

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "3 Mar 2025, 14:05 UTC". */
export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${DATE_TIME.format(date)} UTC`;
}

/** An ISO timestamp as a `datetime-local` value (UTC): "2025-03-03T14:05". */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

/**
 * A `datetime-local` value (read as UTC) as an ISO timestamp. Anything else is
 * passed through unchanged for validation to report.
 */
export function fromLocalInput(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(trimmed)) return trimmed;
  const date = new Date(`${trimmed}Z`);
  return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
}

/** "open" → "Open", "first_response" → "First response". */
export function humanize(word: string): string {
  const spaced = word.replaceAll('_', ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
