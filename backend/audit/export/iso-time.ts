const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The day last formatted, and its `YYYY-MM-DDT` (an export runs through one day's rows after another). */
let lastDay = Number.NaN;
let lastDayPrefix = '';

/**
 * `new Date(ms).toISOString()`, character for character, about five times
 * faster: the export writes one per row, and at a million rows
 * toISOString was a tenth of its time. The date part is toISOString's own,
 * remembered for the day; the time of day is arithmetic. Anything unusual
 * (fractions, NaN, years outside 0–9999, which it writes as ±YYYYYY) goes
 * to toISOString itself.
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const midnight = new Date(day * DAY_MS).toISOString();
    if (midnight.length !== 24) return new Date(ms).toISOString();
    lastDay = day;
    lastDayPrefix = midnight.slice(0, 11);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${lastDayPrefix}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[inDay % 1000]}Z`;
}
