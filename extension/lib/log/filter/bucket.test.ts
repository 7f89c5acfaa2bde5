import { describe, expect, it } from 'vitest';
import { bucketCount, bucketFor, bucketLabel, chartSpan, rangeOfBuckets } from './bucket';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the chart’s bucket', () => {
  it('is a minute up to 4 hours, an hour up to 10 days, then a day', () => {
    const start = at('2026-11-01T00:00:00Z');
    expect(bucketFor(start, start + HOUR)).toBe('minute');
    expect(bucketFor(start, start + 240 * MINUTE)).toBe('minute');
    expect(bucketFor(start, start + 241 * MINUTE)).toBe('hour');
    expect(bucketFor(start, start + 7 * DAY)).toBe('hour');
    expect(bucketFor(start, start + 240 * HOUR)).toBe('hour');
    expect(bucketFor(start, start + 241 * HOUR)).toBe('day');
    expect(bucketFor(start, start + 30 * DAY)).toBe('day');
    expect(bucketFor(start, start + 3 * 365 * DAY)).toBe('day');
  });

  it('counts the partial buckets at either end of an unaligned range', () => {
    const start = at('2026-11-01T10:00:30Z');
    expect(bucketCount(start, start + MINUTE, 'minute')).toBe(2);
    expect(bucketCount(start, start + 240 * MINUTE, 'minute')).toBe(241);
    expect(bucketFor(start, start + 240 * MINUTE)).toBe('hour');
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

describe('the chart’s span for a filter', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it('is the filter’s dates, the last day whole', () => {
    expect(chartSpan({ from: '2026-11-01', to: '2026-11-02' }, now)).toEqual({ fromMs: Date.parse('2026-11-01T00:00:00Z'), toMs: Date.parse('2026-11-03T00:00:00Z'), bucket: 'hour' });
  });
  it('is the last 30 days without dates, by the day', () => {
    expect(chartSpan({}, now)).toEqual({ fromMs: now - 30 * 86_400_000, toMs: now, bucket: 'day' });
  });
  it('runs from a start alone to now, by the minute when that is short', () => {
    expect(chartSpan({ from: '2026-11-20T10:00:00Z' }, now)).toEqual({ fromMs: Date.parse('2026-11-20T10:00:00Z'), toMs: now, bucket: 'minute' });
  });
  it('looks 30 days back from an end alone, by the day when the span is long', () => {
    expect(chartSpan({ to: '2026-10-31' }, now).fromMs).toBe(Date.parse('2026-11-01T00:00:00Z') - 30 * 86_400_000);
    expect(chartSpan({ from: '2025-01-01', to: '2026-10-31' }, now).bucket).toBe('day');
  });
});
