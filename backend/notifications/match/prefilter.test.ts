import { describe, expect, it } from 'vitest';
import { type ActiveWatch, activeWatchOf } from './active-watch';
import type { WrittenEvent } from './event';
import { mayMatch, valueMatches } from './prefilter';

const OWNER = '01JD0000000000000000000001';
const OTHER = '01JD0000000000000000000002';
const CONVERSATION = '01JD0000000000000000000003';
const CUSTOMER = '01JD0000000000000000000004';

const event = (fields: Partial<WrittenEvent> = {}): WrittenEvent => ({
  id: '01JD0000000000000000000009',
  orgId: 'org',
  occurredAt: Date.UTC(2026, 11, 1, 10),
  actorType: 'user',
  actorId: OTHER,
  actorName: 'Ana Ruiz',
  event: 'update',
  category: 'conversation',
  section: 'conversation',
  subjectType: 'conversation',
  subjectId: CONVERSATION,
  subjectLabel: 'Refund',
  customerId: CUSTOMER,
  conversationId: CONVERSATION,
  property: 'status',
  before: '"open"',
  after: '"done"',
  changeId: 'change',
  ...fields,
});

type WatchFields = { filter?: string; subject?: ActiveWatch['subject']; includeOwn?: boolean };

function rowOf(fields: WatchFields) {
  return {
    id: 'watch',
    orgId: 'org',
    ownerId: OWNER,
    name: 'Watch',
    subjectType: fields.subject?.type ?? null,
    subjectId: fields.subject?.id ?? null,
    property: fields.subject?.property ?? null,
    value: fields.subject?.value ?? null,
    filter: fields.filter ?? null,
    threshold: null,
    includeOwn: fields.includeOwn ?? false,
    paused: false,
    createdAt: new Date(),
    updatedAt: new Date(),
    deletedAt: null,
  };
}

function watchOf(fields: WatchFields): ActiveWatch {
  const watch = activeWatchOf(rowOf(fields));
  if (!watch) throw new Error('not an active watch');
  return watch;
}

describe('the in-memory test of a watch', () => {
  it('turns away the owner’s own changes unless they are included', () => {
    const mine = event({ actorId: OWNER });
    expect(mayMatch(watchOf({ filter: '' }), mine)).toBe(false);
    expect(mayMatch(watchOf({ filter: '', includeOwn: true }), mine)).toBe(true);
  });

  it('keeps a subject watch to the subject’s history, property and awaited value', () => {
    const subject = { type: 'conversation' as const, id: CONVERSATION, property: null, value: null };
    expect(mayMatch(watchOf({ subject }), event())).toBe(true);
    expect(mayMatch(watchOf({ subject }), event({ conversationId: OTHER }))).toBe(false);
    expect(mayMatch(watchOf({ subject: { ...subject, property: 'priority' } }), event())).toBe(false);
    expect(mayMatch(watchOf({ subject: { ...subject, property: 'status', value: '"done"' } }), event())).toBe(true);
    expect(mayMatch(watchOf({ subject: { ...subject, property: 'status', value: '"open"' } }), event())).toBe(false);
    // A customer's history is the customer's own rows, not their conversations'.
    const customer = { type: 'customer' as const, id: CUSTOMER, property: null, value: null };
    expect(mayMatch(watchOf({ subject: customer }), event())).toBe(false);
    expect(mayMatch(watchOf({ subject: customer }), event({ subjectType: 'customer', subjectId: CUSTOMER }))).toBe(true);
  });

  it('compares awaited values as the log encodes them, whatever the key order, null included', () => {
    expect(valueMatches('{"a":1,"b":2}', '{"b":2,"a":1}')).toBe(true);
    expect(valueMatches('null', null)).toBe(true);
    expect(valueMatches('"done"', null)).toBe(false);
    expect(valueMatches(null, '"anything"')).toBe(true);
  });

  it('applies every filter compared on one column, exclusions keeping rows without the value', () => {
    expect(mayMatch(watchOf({ filter: 'category=settings' }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: 'notCategory=conversation' }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: 'notProperty=status' }), event({ property: null }))).toBe(true);
    expect(mayMatch(watchOf({ filter: 'property=status' }), event({ property: null }))).toBe(false);
    expect(mayMatch(watchOf({ filter: 'actorKind=automation' }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: 'from=2026-12-02' }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: 'to=2026-12-01' }), event())).toBe(true); // a bare day covers the whole day
  });

  it('decides actor and customer ids itself, and leaves names to the log’s WHERE', () => {
    expect(mayMatch(watchOf({ filter: `actor=${OWNER}` }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: `notActor=${OTHER}` }), event())).toBe(false);
    expect(mayMatch(watchOf({ filter: 'actor=someone+else' }), event())).toBe(true);
    expect(mayMatch(watchOf({ filter: 'actor=System' }), event({ actorId: null, actorType: 'system' }))).toBe(true);
    expect(mayMatch(watchOf({ filter: 'customer=ana' }), event({ customerId: null }))).toBe(false);
    expect(mayMatch(watchOf({ filter: `notCustomer=${CUSTOMER}` }), event())).toBe(false);
  });

  it('is never made of a filter that selects nothing (a reversed range)', () => {
    expect(activeWatchOf(rowOf({ filter: 'from=2026-12-02&to=2026-11-30' }))).toBeNull();
  });
});
