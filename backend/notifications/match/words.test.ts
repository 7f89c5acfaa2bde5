import { describe, expect, it } from 'vitest';
import type { WrittenEvent } from './event';
import { burstWords, describeEvent, logLink, thresholdWords } from './words';

const event = (fields: Partial<WrittenEvent> = {}): WrittenEvent => ({
  id: 'e',
  orgId: 'org',
  occurredAt: Date.UTC(2026, 11, 1, 10),
  actorType: 'user',
  actorId: 'u',
  actorName: 'Ana Ruiz',
  event: 'update',
  category: 'settings',
  section: 'business_rule',
  subjectType: 'business_rule',
  subjectId: 'r',
  subjectLabel: 'VIP routing',
  customerId: null,
  conversationId: null,
  property: 'enabled',
  before: 'true',
  after: 'false',
  changeId: 'c',
  ...fields,
});

describe('the words of a notification', () => {
  it('describes one change as the log reads it: who, which property of what, before → after', () => {
    expect(describeEvent(event(), true)).toBe('Ana Ruiz changed enabled of Business rule “VIP routing”: true → false');
    expect(describeEvent(event({ event: 'create', property: null }), true)).toBe('Ana Ruiz created Business rule “VIP routing”');
    expect(describeEvent(event({ event: 'login_failed', property: null, subjectType: 'user', subjectLabel: 'Bo' }), true)).toBe(
      'Ana Ruiz: login failed — User “Bo”',
    );
  });

  it('counts a burst in the title and names its latest change in the body', () => {
    expect(burstWords('Settings · Business rule', 1, event(), false)).toEqual({
      title: 'Settings · Business rule',
      body: 'Ana Ruiz changed enabled of Business rule “VIP routing”: true → false',
    });
    expect(burstWords('Conversation “Refund”', 30, event({ property: 'status', before: '"open"', after: '"done"' }), true)).toEqual({
      title: '30 changes to Conversation “Refund”',
      body: 'Latest: Ana Ruiz changed status: “open” → “done”',
    });
  });

  it('never repeats a message’s content, which a redaction must be able to remove everywhere', () => {
    const edit = event({ subjectType: 'message', subjectLabel: 'Inbound email message', property: 'body', before: '"my card is 4111"', after: '"call me"' });
    expect(describeEvent(edit, true)).toBe('Ana Ruiz changed body of Message “Inbound email message”');
    expect(describeEvent({ ...edit, event: 'redact' }, true)).not.toContain('4111');
  });

  it('names the ids in values it was given names for, and leaves the others as they are', () => {
    const alex = '01JD000000000000000000000A';
    const team = '01JD000000000000000000000T';
    const stranger = '01JD000000000000000000000S';
    const names = new Map([
      [alex, 'Alex Agent'],
      [team, 'Billing'],
    ]);
    const assigned = event({ property: 'assignedUsers', before: JSON.stringify([]), after: JSON.stringify([alex]) });
    expect(describeEvent(assigned, false, names)).toBe('Ana Ruiz changed assignedUsers: none → Alex Agent');
    const accepted = event({ event: 'accepted', property: 'acceptedBy', after: JSON.stringify(alex) });
    expect(describeEvent(accepted, false, names)).toBe('Ana Ruiz: accepted (acceptedBy → Alex Agent)');
    const teams = event({ property: 'teams', before: JSON.stringify([team, stranger]), after: JSON.stringify(stranger) });
    expect(describeEvent(teams, false, names)).toBe(`Ana Ruiz changed teams: ${JSON.stringify([team, stranger]).slice(0, 39)}… → “${stranger}”`);
  });

  it('writes an instant to the minute, in UTC', () => {
    const breached = event({ event: 'sla_breach', property: 'slaBreachedAt', after: JSON.stringify('2026-12-03T01:10:14.532Z') });
    expect(describeEvent(breached, false)).toBe('Ana Ruiz: sla breach (slaBreachedAt → 2026-12-03 01:10 UTC)');
  });

  it('clips long values', () => {
    const long = JSON.stringify('x'.repeat(100));
    expect(describeEvent(event({ before: null, after: long }), false)).toBe(`Ana Ruiz changed enabled: empty → “${'x'.repeat(39)}…”`);
  });

  it('says how many events reached a threshold and over how long', () => {
    const last = event({ occurredAt: Date.UTC(2026, 11, 1, 10, 4) });
    expect(thresholdWords('5+ failed sign-ins in 10 min', { count: 5, firstAt: Date.UTC(2026, 11, 1, 10), last }, true).body).toMatch(
      /^5 matching events by Ana Ruiz within 4 min\. Latest: /,
    );
  });

  it('links to the log around the events, kept within the filter’s own dates', () => {
    const at = Date.UTC(2026, 11, 1, 10);
    expect(logLink('section=routing', {}, at, at + 10_000)).toEqual({
      kind: 'log',
      filter: 'section=routing&from=2026-12-01T10%3A00%3A00.000Z&to=2026-12-01T10%3A00%3A10.000Z',
    });
    const to = Date.UTC(2026, 11, 1, 10, 0, 5);
    expect(logLink(`section=routing&to=${new Date(to).toISOString()}`, { to }, at, at + 10_000)).toMatchObject({
      filter: expect.stringContaining('to=2026-12-01T10%3A00%3A05.000Z'),
    });
  });
});
