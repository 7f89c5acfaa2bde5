import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from './backoff';

describe('full-jitter backoff', () => {
  it('waits up to 1 s after the first failure, doubling each time, never over 5 minutes', () => {
    const most = fullJitterBackoff({ random: () => 0.999_999 });
    expect([1, 2, 3, 4].map((n) => Math.round(most(n) / 1000))).toEqual([1, 2, 4, 8]);
    expect(most(9)).toBeLessThanOrEqual(256_000);
    expect(most(10)).toBeLessThanOrEqual(300_000);
    expect(most(10)).toBeGreaterThan(299_000);
    expect(most(10_000)).toBeLessThanOrEqual(300_000);
  });

  it('draws each wait anywhere from 0 to the bound', () => {
    expect(fullJitterBackoff({ random: () => 0 })(7)).toBe(0);
    expect(fullJitterBackoff({ random: () => 0.5 })(3)).toBe(2_000);
  });
});
