import { describe, expect, it } from 'vitest';
import { everyBucket } from './log-chart';

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
