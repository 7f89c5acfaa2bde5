import { describe, expect, it } from 'vitest';
import { everyMinutes, shortHash, verificationSummary } from './integrity-words';
import { verification } from './testing';

describe('the Log integrity section in words', () => {
  it('says how many events a good run verified, and which', () => {
    expect(verificationSummary(verification({ checked: 1234, fromSequence: 9, toSequence: 1242 }))).toBe(
      'Verified 1,234 events (sequence 9 to 1,242): nothing was changed, removed or inserted.',
    );
    expect(verificationSummary(verification({ checked: 1, fromSequence: 1, toSequence: 1 }))).toBe(
      'Verified 1 event (sequence 1 to 1): nothing was changed, removed or inserted.',
    );
    expect(verificationSummary(verification({ checked: 0, fromSequence: 43, toSequence: 42 }))).toBe('Verified 0 events: nothing was changed, removed or inserted.');
  });

  it("says from which event a bad run found the log altered, in the backend's reason", () => {
    expect(verificationSummary(verification({ ok: false, firstBadSequence: 57, reason: 'event 57 is missing.' }))).toBe(
      'The log does not verify from event 57 on: event 57 is missing.',
    );
    expect(verificationSummary(verification({ ok: false, firstBadSequence: null, reason: 'the chain head is gone' }))).toBe(
      'The log does not verify: the chain head is gone.',
    );
  });

  it('shortens a hash to its ends and says a schedule in hours where it can', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
    expect([everyMinutes(60), everyMinutes(360), everyMinutes(15), everyMinutes(1)]).toEqual(['every hour', 'every 6 hours', 'every 15 minutes', 'every minute']);
  });
});
