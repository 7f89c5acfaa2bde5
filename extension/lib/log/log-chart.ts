import { signal } from '@preact/signals';
import type { LogActivity } from '../../../shared/api-client';
import { chartSpan, type Bucket } from './filter/bucket';
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
    data.value = { bucket: result.value.bucket, items: result.value.items };
  }

  return { data, failed, load };
}
