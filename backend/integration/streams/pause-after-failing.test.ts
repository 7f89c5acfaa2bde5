import { describe, expect, it } from 'vitest';
import { durationInWords } from './pause-after-failing';

describe('how long a destination has been failing, in words', () => {
  it('says it in its largest whole unit', () => {
    expect(durationInWords(60_000)).toBe('1 minute');
    expect(durationInWords(59 * 60_000)).toBe('59 minutes');
    expect(durationInWords(2 * 3_600_000 + 5 * 60_000)).toBe('2 hours');
    expect(durationInWords(3 * 86_400_000 + 3_600_000)).toBe('3 days');
    expect(durationInWords(86_400_000)).toBe('1 day');
  });
});
