import { describe, expect, it } from 'vitest';
import { filterSummary, healthSummary, shortSpan, targetSummary } from './stream-words';
import { NOW, streamDestination, streamHealth } from './testing';

const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
const ahead = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe('a stream destination in words', () => {
  it('says a caught-up destination is caught up, how many it delivered and when it last succeeded', () => {
    const destination = streamDestination({ health: streamHealth({ state: 'caught_up', deliveredCount: 12_340, lastSuccessAt: ago(125) }) });
    expect(healthSummary(destination, NOW)).toBe('Caught up · 12,340 delivered · last success 2 min ago');
  });

  it('says a new destination has delivered nothing yet', () => {
    const destination = streamDestination({ health: streamHealth({ state: 'caught_up', deliveredCount: 0, lastSuccessAt: null }) });
    expect(healthSummary(destination, NOW)).toBe('Caught up · 0 delivered · nothing delivered yet');
  });

  it('says how far behind a delivering destination is, in events and in time', () => {
    const destination = streamDestination({
      health: streamHealth({ state: 'delivering', lagEvents: 1_204, lagSeconds: 185, deliveredCount: 50, lastSuccessAt: ago(1) }),
    });
    expect(healthSummary(destination, NOW)).toBe('Delivering · 1,204 events (3 min) behind · 50 delivered · last success just now');
  });

  it('says why a retrying destination fails, since when, when it tries next and how far behind it is', () => {
    const destination = streamDestination({
      health: streamHealth({
        state: 'retrying',
        lastError: 'HTTP 503',
        failingSince: '2026-12-03T10:14:30.000Z',
        nextAttemptAt: ahead(40),
        lagEvents: 1_204,
        lagSeconds: 180,
      }),
    });
    expect(healthSummary(destination, NOW)).toBe('Retrying: HTTP 503 since 10:14 UTC · next try in 40 s · 1,204 events (3 min) behind');
  });

  it('gives the date of a failure that began on another day, and says "trying again now" once the next try is due', () => {
    const destination = streamDestination({
      health: streamHealth({ state: 'retrying', lastError: 'connection refused', failingSince: '2026-12-01T22:05:00.000Z', nextAttemptAt: ago(2), lagEvents: 1, lagSeconds: 0 }),
    });
    expect(healthSummary(destination, NOW)).toBe('Retrying: connection refused since 2026-12-01 22:05 UTC · trying again now · 1 event behind');
  });

  it("says why a paused destination is paused, in the backend's words, and how many events wait for it", () => {
    const failed = streamDestination({
      status: 'paused',
      pausedReason: 'Paused after failing for 3 days: connection refused',
      health: streamHealth({ state: 'paused', lagEvents: 1_204, lagSeconds: 3 * 86_400 }),
    });
    expect(healthSummary(failed, NOW)).toBe('Paused after failing for 3 days: connection refused · 1,204 events (3 days) waiting');
    const farBehind = { ...failed, health: streamHealth({ state: 'paused', lagEvents: 10_000, lagEventsCapped: true, lagSeconds: 3 * 86_400 }) };
    expect(healthSummary(farBehind, NOW)).toBe('Paused after failing for 3 days: connection refused · at least 10,000 events (3 days) waiting');
    const byAdmin = streamDestination({ status: 'paused', pausedReason: 'Paused by Ada Admin.', health: streamHealth({ state: 'paused', lagEvents: 0 }) });
    expect(healthSummary(byAdmin, NOW)).toBe('Paused by Ada Admin');
  });

  it('shortens spans to seconds, minutes, hours or days', () => {
    expect([shortSpan(0.4), shortSpan(59), shortSpan(90), shortSpan(3_570), shortSpan(7_200), shortSpan(86_400), shortSpan(5 * 86_400)]).toEqual([
      '0 s',
      '59 s',
      '2 min',
      '1 h',
      '2 h',
      '1 day',
      '5 days',
    ]);
  });

  it('names where a destination sends: the URL, or the folder and when its files rotate', () => {
    expect(targetSummary(streamDestination())).toBe('https://siem.example.com/hooks/auditdesk');
    const file = streamDestination({ kind: 'jsonl_file', url: null, directory: 'siem-archive', rotateBytes: 104_857_600, rotateMinutes: 1_440 });
    expect(targetSummary(file)).toBe('folder siem-archive, a new file at 100 MB or every 1 day');
    expect(targetSummary({ ...file, rotateBytes: 1_536, rotateMinutes: 90 })).toBe('folder siem-archive, a new file at 1.5 KB or every 90 minutes');
  });

  it('says what a destination receives: every event, or its filter with exclusions', () => {
    expect(filterSummary({})).toBe('Every event');
    expect(filterSummary({ category: ['settings', 'work_session'], event: 'update', actorKind: 'person' })).toBe('Settings, Work Session · events: Update · people only');
    expect(filterSummary({ notSection: ['access'], actor: ['Maya Admin'], section: ['business_rule', 'sla_breach'] })).toBe(
      'except sections: Access · by: Maya Admin · sections: Business rule, Sla breach',
    );
    expect(filterSummary({ notCategory: 'billing' })).toBe('except Billing');
  });
});
