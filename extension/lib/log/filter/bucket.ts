import type { LogFilter } from './log-filter';
import { endMs, startMs } from './time';

/** The activity chart's bucket: the API counts events per minute, hour or UTC day. */
export type Bucket = 'minute' | 'hour' | 'day';

/** The API answers at most this many buckets. */
export const MAX_BUCKETS = 1_000;

/**
 * The most bars the chart aims for: enough to see a pattern, few enough
 * that each bar is wide enough to see and to point at (30 days are 30 day
 * bars, not 720 hairline hour bars).
 */
export const CHART_BARS = 240;

/** How long each bucket is. Buckets start on whole minutes, hours and UTC days. */
export const BUCKET_MS: Record<Bucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const FINEST_FIRST: Bucket[] = ['minute', 'hour', 'day'];

/** How many buckets of `bucket` the range [fromMs, toMs) touches, counting partial ones at either end. */
export function bucketCount(fromMs: number, toMs: number, bucket: Bucket): number {
  if (toMs <= fromMs) return 1;
  const size = BUCKET_MS[bucket];
  return Math.floor((toMs - 1) / size) - Math.floor(fromMs / size) + 1;
}

/**
 * The finest bucket that shows the range [fromMs, toMs) in at most
 * CHART_BARS bars; days when even days are more than that.
 */
export function bucketFor(fromMs: number, toMs: number): Bucket {
  return FINEST_FIRST.find((bucket) => bucketCount(fromMs, toMs, bucket) <= CHART_BARS) ?? 'day';
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const TIME_LABEL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A bucket as a person reads it, in UTC like the buckets: `3 Nov 2026`, `3 Nov 2026, 10:00–11:00 UTC`. */
export function bucketLabel(start: string, bucket: Bucket): string {
  const ms = Date.parse(start);
  const day = DAY_LABEL.format(ms);
  if (bucket === 'day') return day;
  return `${day}, ${TIME_LABEL.format(ms)}–${TIME_LABEL.format(ms + BUCKET_MS[bucket])} UTC`;
}

/**
 * The filter's dates for the buckets from `first` to `last` (their starts):
 * whole days as days (`to` inclusive), minutes and hours as instants (`to`
 * exclusive, where the last bucket ends).
 */
export function rangeOfBuckets(bucket: Bucket, first: string, last: string): { from: string; to: string } {
  const [a, b] = [Date.parse(first), Date.parse(last)].sort((x, y) => x - y) as [number, number];
  if (bucket === 'day') return { from: new Date(a).toISOString().slice(0, 10), to: new Date(b).toISOString().slice(0, 10) };
  return { from: new Date(a).toISOString(), to: new Date(b + BUCKET_MS[bucket]).toISOString() };
}

/** How far back the chart looks when the filter names no start. */
export const DEFAULT_CHART_SPAN_MS = 30 * BUCKET_MS.day;

/**
 * The span the chart shows for a filter and its bucket: the filter's dates,
 * else the last 30 days up to `nowMs` (a start alone runs to now, an end
 * alone looks 30 days back from it).
 */
export function chartSpan(f: Pick<LogFilter, 'from' | 'to'>, nowMs: number): { fromMs: number; toMs: number; bucket: Bucket } {
  const toMs = f.to ? endMs(f.to) : Math.max(nowMs, f.from ? startMs(f.from) + 1 : nowMs);
  const fromMs = f.from ? startMs(f.from) : toMs - DEFAULT_CHART_SPAN_MS;
  return { fromMs, toMs, bucket: bucketFor(fromMs, toMs) };
}
