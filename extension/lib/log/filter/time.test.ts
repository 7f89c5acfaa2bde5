import { describe, expect, it } from 'vitest';
import { addDays, endMs, isDay, isInstant, startMs } from './time';

describe('filter dates', () => {
  it('are real calendar days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
  });

  it('are instants only with their zone, so a link means the same rows everywhere', () => {
    expect(isInstant('2026-11-01T10:15Z')).toBe(true);
    expect(isInstant('2026-11-01T10:15:03.123+05:30')).toBe(true);
    expect(isInstant('2026-11-01T10:15')).toBe(false);
    expect(isInstant('2026-11-01T24:00Z')).toBe(false);
    expect(isInstant('2026-02-30T10:00Z')).toBe(false);
  });

  it('run from the start of a day through its end', () => {
    expect(startMs('2026-11-01')).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(endMs('2026-11-01')).toBe(Date.parse('2026-11-02T00:00:00Z'));
    expect(endMs('2026-11-01T10:00:00+01:00')).toBe(Date.parse('2026-11-01T09:00:00Z'));
  });

  it('step across months and leap days', () => {
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
