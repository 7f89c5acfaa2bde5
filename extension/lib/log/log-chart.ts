import { signal } from '@preact/signals';
import type { LogActivity } from '../../../shared/api-client';
import { BUCKET_MS, MAX_BUCKETS, chartSpan, type Bucket } from './filter/bucket';
import type { LogFilter } from './filter/log-filter';
import { paramsOf } from './filter/params';
import type { LogDeps } from './log-deps';

export interface ChartData {
  bucket: Bucket;
  items: LogActivity['items'];
}

/**
 * The activity chart of the current filter: counts per bucket over the
 * filter's dates (the last 30 days when it names none), the bucket as fine
 * as the span allows in 1,000 bars. Answers for an older filter are dropped.
 */
export function createChart(deps: Pick<LogDeps, 'send' | 'now'>) {
  const data = signal<ChartData | null>(null);
  const failed = signal<string | null>(null);
  let generation = 0;

  async function load(filter: LogFilter): Promise<void> {
    const mine = ++generation;
    const span = chartSpan(filter, deps.now());
    const query = paramsOf({ ...filter, from: new Date(span.fromMs).toISOString(), to: new Date(span.toMs).toISOString() }).toString();
    const result = await deps.send('getLogActivity', { query, bucket: span.bucket }).catch(() => null);
    if (mine !== generation) return;
    if (!result?.ok) {
      failed.value = result ? result.error.message : 'The Auditdesk extension did not answer.';
      return;
    }
    failed.value = null;
    data.value = { bucket: result.value.bucket, items: everyBucket(result.value.bucket, span.fromMs, span.toMs, result.value.items) };
  }

  return { data, failed, load };
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
