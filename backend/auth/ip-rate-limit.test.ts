import { describe, expect, it } from 'vitest';
import { rateKeyOf, SlidingWindow } from './ip-rate-limit';

describe('sliding window per key', () => {
  it('allows `limit` attempts in any minute and says how long until the oldest leaves it', () => {
    const window = new SlidingWindow(3);
    expect([0, 10_000, 20_000].map((t) => window.hit('a', t))).toEqual([0, 0, 0]);
    expect(window.hit('a', 30_000)).toBe(30_000);
    expect(window.hit('b', 30_000)).toBe(0);
    expect(window.hit('a', 60_000)).toBe(0);
    expect(window.hit('a', 60_001)).toBe(9_999);
  });

  it('does not let refused attempts push the wait further out', () => {
    const window = new SlidingWindow(1);
    window.hit('a', 0);
    for (let t = 1_000; t < 60_000; t += 1_000) window.hit('a', t);
    expect(window.hit('a', 60_000)).toBe(0);
  });
});

describe('rate keys', () => {
  it('counts IPv4 addresses singly, IPv4-mapped ones as IPv4, and IPv6 by /64', () => {
    expect(rateKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(rateKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(rateKeyOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(rateKeyOf('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(rateKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(rateKeyOf(null)).toBe('unknown');
  });
});
