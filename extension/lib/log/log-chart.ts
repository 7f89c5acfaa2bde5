import { signal } from '@preact/signals';
import type { LogActivity } from '../../../shared/api-client';
import { BUCKET_MS, MAX_BUCKETS, bucketFor, chartSpan, type Bucket } from './filter/bucket';
import type { LogFilter } from './filter/log-filter';
import { paramsOf } from './filter/params';
import type { LogDeps } from './log-deps';

export interface ChartData {
  bucket: Bucket;
  items: LogActivity['items'];
}

/** The shortest span the chart narrows to: a quiet log's few events still show as minutes of an hour. */
const MIN_NARROWED_SPAN_MS = BUCKET_MS.hour;

/**
 * The activity chart of the current filter: counts per bucket over the
 * filter's dates, the bucket as fine as the span allows in CHART_BARS
 * bars. A filter that names no start looks 30 days back, then narrows to
 * where the activity begins (a log that started this morning is drawn in
 * minutes or hours, not as one day bar). Answers for an older filter are dropped.
 */
export function createChart(deps: Pick<LogDeps, 'send' | 'now'>) {
  const data = signal<ChartData | null>(null);
  const failed = signal<string | null>(null);
  let generation = 0;

  async function counts(filter: LogFilter, span: Span) {
    const query = paramsOf({ ...filter, from: new Date(span.fromMs).toISOString(), to: new Date(span.toMs).toISOString() }).toString();
    return deps.send('getLogActivity', { query, bucket: span.bucket }).catch(() => null);
  }

  async function load(filter: LogFilter): Promise<void> {
    const mine = ++generation;
    let span: Span = chartSpan(filter, deps.now());
    let result = await counts(filter, span);
    if (mine !== generation) return;
    const narrowed = result?.ok && !filter.from ? narrowedSpan(span, result.value.items) : null;
    if (narrowed) {
      span = narrowed;
      result = await counts(filter, span);
      if (mine !== generation) return;
    }
    if (!result?.ok) {
      failed.value = result ? result.error.message : 'The Auditdesk extension did not answer.';
      return;
    }
    failed.value = null;
    data.value = { bucket: result.value.bucket, items: everyBucket(result.value.bucket, span.fromMs, span.toMs, result.value.items) };
  }

  return { data, failed, load };
}

type Span = ReturnType<typeof chartSpan>;

/** The span from the first bucket with events to the span's end, when that calls for a finer bucket; null otherwise. */
export function narrowedSpan(span: Span, items: ChartData['items']): Span | null {
  const first = items.find((item) => item.count > 0);
  if (!first) return null;
  const fromMs = Math.min(Date.parse(first.start), span.toMs - MIN_NARROWED_SPAN_MS);
  const bucket = bucketFor(fromMs, span.toMs);
  return bucket === span.bucket ? null : { fromMs, toMs: span.toMs, bucket };
}

/**
 * The API counts only buckets that hold events; the chart shows time, so
 * every bucket of the span is there, empty ones as 0 (at most MAX_BUCKETS,
 * the newest kept).
 */
export function everyBucket(bucket: Bucket, fromMs: number, toMs: number, items: ChartData['items']): ChartData['items'] {
  const size = BUCKET_MS[bucket];
  const counts = new Map(items.map((item) => [Date.parse(item.start), item.count]));
  const last = Math.floor((Math.max(toMs, fromMs + 1) - 1) / size) * size;
  const first = Math.max(Math.floor(fromMs / size) * size, last - (MAX_BUCKETS - 1) * size);
  const out: ChartData['items'] = [];
  for (let start = first; start <= last; start += size) out.push({ start: new Date(start).toISOString(), count: counts.get(start) ?? 0 });
  return out;
}
