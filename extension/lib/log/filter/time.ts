/**
 * The filter's dates: a day (`2026-11-21`, a whole UTC day) or an instant
 * with its zone (`2026-11-21T10:15:00Z`). Days are UTC so that a link means
 * the same rows wherever it is opened.
 */

const DAY_MS = 86_400_000;
/** Years a filter date may name: four digits, with room for the day after the last one. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 9998;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** `2026-02-30` is not a day; `2026-02-28` is (years 1000 to 9998). */
export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An instant with a zone (`Z` or `±HH:MM`), minutes at least, on a real day. */
export function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  return match !== null && isDay(match[1] as string) && !Number.isNaN(Date.parse(text));
}

export function isDayOrInstant(text: string): boolean {
  return isDay(text) || isInstant(text);
}

/** Where a `from` starts (inclusive), in ms since the epoch. */
export function startMs(from: string): number {
  return isDay(from) ? Date.parse(`${from}T00:00:00Z`) : Date.parse(from);
}

/** Where a `to` ends (exclusive): a day ends at the next midnight UTC. */
export function endMs(to: string): number {
  return isDay(to) ? Date.parse(`${to}T00:00:00Z`) + DAY_MS : Date.parse(to);
}

/** The day `days` after (or before, negative) a day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day an instant falls on. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
