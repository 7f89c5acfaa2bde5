import { describe, expect, it } from 'vitest';
import { bucketCount, bucketFor, bucketLabel, rangeOfBuckets } from './bucket';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the chart’s bucket', () => {
  it('is a minute up to 1,000 minutes, an hour up to 1,000 hours, then a day', () => {
    const start = at('2026-11-01T00:00:00Z');
    expect(bucketFor(start, start + HOUR)).toBe('minute');
    expect(bucketFor(start, start + 1_000 * MINUTE)).toBe('minute');
    expect(bucketFor(start, start + 1_001 * MINUTE)).toBe('hour');
    expect(bucketFor(start, start + 7 * DAY)).toBe('hour');
    expect(bucketFor(start, start + 1_000 * HOUR)).toBe('hour');
    expect(bucketFor(start, start + 1_001 * HOUR)).toBe('day');
    expect(bucketFor(start, start + 3 * 365 * DAY)).toBe('day');
  });

  it('counts the partial buckets at either end of an unaligned range', () => {
    const start = at('2026-11-01T10:00:30Z');
    expect(bucketCount(start, start + MINUTE, 'minute')).toBe(2);
    expect(bucketCount(start, start + 1_000 * MINUTE, 'minute')).toBe(1_001);
    expect(bucketFor(start, start + 1_000 * MINUTE)).toBe('hour');
    expect(bucketCount(at('2026-11-01T00:00:00Z'), at('2026-11-02T00:00:00Z'), 'day')).toBe(1);
  });

  it('shows an empty range as one minute', () => {
    expect(bucketFor(5, 5)).toBe('minute');
  });
});

describe('a chosen run of buckets', () => {
  it('becomes whole days for day buckets, the last day included', () => {
    expect(rangeOfBuckets('day', '2026-11-05T00:00:00.000Z', '2026-11-03T00:00:00.000Z')).toEqual({ from: '2026-11-03', to: '2026-11-05' });
  });

  it('becomes instants up to where the last hour or minute ends', () => {
    expect(rangeOfBuckets('hour', '2026-11-03T10:00:00Z', '2026-11-03T12:00:00Z')).toEqual({ from: '2026-11-03T10:00:00.000Z', to: '2026-11-03T13:00:00.000Z' });
    expect(rangeOfBuckets('minute', '2026-11-03T10:05:00Z', '2026-11-03T10:05:00Z')).toEqual({ from: '2026-11-03T10:05:00.000Z', to: '2026-11-03T10:06:00.000Z' });
  });

  it('is named in UTC', () => {
    expect(bucketLabel('2026-11-03T00:00:00Z', 'day')).toBe('3 Nov 2026');
    expect(bucketLabel('2026-11-03T23:00:00Z', 'hour')).toBe('3 Nov 2026, 23:00–00:00 UTC');
    expect(bucketLabel('2026-11-03T10:05:00Z', 'minute')).toBe('3 Nov 2026, 10:05–10:06 UTC');
  });
});
