import { describe, expect, it } from 'vitest';
import { everyBucket, narrowedSpan } from './log-chart';

describe("the activity chart's buckets", () => {
  it('shows every bucket of the span, the ones without events as 0', () => {
    const from = Date.parse('2026-11-01T00:00:00Z');
    const to = Date.parse('2026-11-04T00:00:00Z');
    expect(everyBucket('day', from, to, [{ start: '2026-11-02T00:00:00.000Z', count: 7 }])).toEqual([
      { start: '2026-11-01T00:00:00.000Z', count: 0 },
      { start: '2026-11-02T00:00:00.000Z', count: 7 },
      { start: '2026-11-03T00:00:00.000Z', count: 0 },
    ]);
  });

  it('keeps the newest 1,000 buckets of a longer span', () => {
    const to = Date.parse('2026-11-04T00:00:00Z');
    const buckets = everyBucket('minute', to - 5_000 * 60_000, to, []);
    expect(buckets).toHaveLength(1000);
    expect(buckets.at(-1)?.start).toBe('2026-11-03T23:59:00.000Z');
  });
});

describe("the chart of a filter without dates", () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const lastMonth = { fromMs: now - 30 * 86_400_000, toMs: now, bucket: 'day' as const };

  it('narrows to where the activity begins, in a finer bucket', () => {
    const items = [{ start: '2026-11-30T00:00:00.000Z', count: 4 }];
    expect(narrowedSpan(lastMonth, items)).toEqual({ fromMs: Date.parse('2026-11-30T00:00:00Z'), toMs: now, bucket: 'hour' });
  });

  it('shows a few events of the last minutes as minutes of the last hour', () => {
    const items = [{ start: '2026-11-30T00:00:00.000Z', count: 0 }, { start: '2026-11-30T11:59:00.000Z', count: 2 }];
    expect(narrowedSpan({ ...lastMonth, bucket: 'hour' }, items)).toEqual({ fromMs: now - 3_600_000, toMs: now, bucket: 'minute' });
  });

  it('keeps the month when the activity spans it, or when there is none', () => {
    expect(narrowedSpan(lastMonth, [{ start: '2026-11-01T00:00:00.000Z', count: 1 }])).toBeNull();
    expect(narrowedSpan(lastMonth, [])).toBeNull();
  });
});
