import { describe, expect, it } from 'vitest';
import type { LogFilter } from './log-filter';
import { filterOfParams, paramsOf } from './params';
import { formatQualifiers, parseQualifiers } from './qualifiers';
import { EMPTY_FORM, EVENT_TYPES, filterOfForm, formErrors, formOfFilter, SETTINGS_SECTIONS, type FilterForm } from './seed-form';

const CONVERSATION = '01JD0000000000000000000V01';
const form = (fields: Partial<FilterForm>): FilterForm => ({ ...EMPTY_FORM, ...fields });

/** One filled form per row of the seed's table (and each Settings section), with what it must filter. */
const SEED_ROWS: Array<{ row: string; form: FilterForm; filter: LogFilter }> = [
  { row: 'All Events: user', form: form({ user: 'Ana Ruiz' }), filter: { include: { actor: ['Ana Ruiz'] }, exclude: {} } },
  { row: 'Authorization: user', form: form({ eventType: 'authorization', user: 'Lee' }), filter: { include: { category: ['authorization'], actor: ['Lee'] }, exclude: {} } },
  { row: 'Billing: user', form: form({ eventType: 'billing', user: 'Ana Ruiz' }), filter: { include: { category: ['billing'], actor: ['Ana Ruiz'] }, exclude: {} } },
  { row: 'Conversation: id', form: form({ eventType: 'conversation', conversation: CONVERSATION }), filter: { include: { category: ['conversation'], conversation: [CONVERSATION] }, exclude: {} } },
  {
    row: 'Conversation: id and user',
    form: form({ eventType: 'conversation', conversation: CONVERSATION, user: 'Ana Ruiz' }),
    filter: { include: { category: ['conversation'], actor: ['Ana Ruiz'], conversation: [CONVERSATION] }, exclude: {} },
  },
  { row: 'Customer: name', form: form({ eventType: 'customer', customer: 'Acme "Big" Co' }), filter: { include: { category: ['customer'], customer: ['Acme "Big" Co'] }, exclude: {} } },
  {
    row: 'Customer: name and user',
    form: form({ eventType: 'customer', customer: 'Acme', user: 'Lee' }),
    filter: { include: { category: ['customer'], actor: ['Lee'], customer: ['Acme'] }, exclude: {} },
  },
  ...SETTINGS_SECTIONS.map(({ id, label, sections }) => ({
    row: `Settings: ${label}`,
    form: form({ eventType: 'settings', section: id }),
    filter: { include: { category: ['settings'], section: sections }, exclude: {} },
  })),
  {
    row: 'Settings: Business Rules and user, with a date range',
    form: form({ eventType: 'settings', section: 'business_rules', user: 'Ana Ruiz', from: '2026-11-01', to: '2026-11-30' }),
    filter: { include: { category: ['settings'], actor: ['Ana Ruiz'], section: ['business_rule'] }, exclude: {}, from: '2026-11-01', to: '2026-11-30' },
  },
  { row: 'Work Session: user', form: form({ eventType: 'work_session', user: 'Lee' }), filter: { include: { category: ['work_session'], actor: ['Lee'] }, exclude: {} } },
];

describe('the seed’s Filter form', () => {
  it('lists the seed’s event types and Settings sections in its order', () => {
    expect(EVENT_TYPES.map((type) => type.label)).toEqual(['All Events', 'Authorization', 'Billing', 'Conversation', 'Customer', 'Settings', 'Work Session']);
    expect(SETTINGS_SECTIONS.map((area) => area.label)).toEqual(['Searches', 'Shortcuts', 'Business Rules', 'Access', 'Workflows']);
  });

  for (const { row, form: filled, filter } of SEED_ROWS) {
    it(`${row}: the form, the search box and the URL say the same filter`, () => {
      expect(formErrors(filled)).toEqual({});
      const applied = filterOfForm(filled);
      expect(applied).toEqual(filter);

      const query = parseQualifiers(formatQualifiers(applied));
      expect(query).toEqual({ ok: true, filter });
      const url = filterOfParams(new URLSearchParams(paramsOf(applied).toString()));
      expect(url).toEqual({ filter, problems: [] });
      expect(formOfFilter(url.filter)).toEqual({ form: filled, exact: true });
    });
  }

  it('says beside each required field that it is empty', () => {
    expect(formErrors(form({}))).toEqual({ user: 'User is required for this event type' });
    expect(formErrors(form({ eventType: 'conversation', user: 'Ana' }))).toEqual({ conversation: 'Conversation is required for this event type' });
    expect(formErrors(form({ eventType: 'customer', customer: '   ' }))).toEqual({ customer: 'Customer is required for this event type' });
    expect(formErrors(form({ eventType: 'settings' }))).toEqual({ section: 'Section is required for this event type' });
    expect(formErrors(form({ eventType: 'work_session', conversation: CONVERSATION }))).toEqual({ user: 'User is required for this event type' });
  });

  it('leaves the user optional where the seed says so', () => {
    expect(formErrors(form({ eventType: 'settings', section: 'access' }))).toEqual({});
    expect(formErrors(form({ eventType: 'conversation', conversation: CONVERSATION }))).toEqual({});
  });

  it('says what is wrong with a conversation id, a section and the dates', () => {
    expect(formErrors(form({ eventType: 'conversation', conversation: '1182' })).conversation).toBe('Conversation is not a conversation id');
    expect(formErrors(form({ eventType: 'settings', section: 'billing' })).section).toBe('Choose one of the sections');
    expect(formErrors(form({ user: 'a', from: '2026-02-30' })).from).toContain('Start is not a date');
    expect(formErrors(form({ user: 'a', from: '2026-11-02', to: '2026-11-01' })).to).toBe('The end must come after the start');
    expect(formErrors(form({ user: 'a', from: '2026-11-01', to: '2026-11-01' }))).toEqual({});
  });

  it('keeps the free text and what the form cannot show when applied, and replaces what it shows', () => {
    const inForce: LogFilter = {
      include: { category: ['billing', 'customer'], actor: ['Old'], event: ['update'], property: ['status'] },
      exclude: { event: ['login'] },
      actorKind: 'person',
      from: '2020-01-01',
      q: 'refund',
    };
    const applied = filterOfForm(form({ eventType: 'conversation', conversation: CONVERSATION }), inForce);
    expect(applied).toEqual({
      include: { category: ['conversation'], conversation: [CONVERSATION], event: ['update'], property: ['status'] },
      exclude: { event: ['login'] },
      actorKind: 'person',
      q: 'refund',
    });
  });

  it('ignores the criteria of other event types', () => {
    expect(filterOfForm(form({ eventType: 'billing', user: 'Ana', conversation: CONVERSATION, section: 'access' }))).toEqual({
      include: { category: ['billing'], actor: ['Ana'] },
      exclude: {},
    });
  });

  it('says when a filter says more than the form can show', () => {
    const inexact: LogFilter[] = [
      { include: { category: ['billing', 'settings'] }, exclude: {} },
      { include: { actor: ['Ana', 'Lee'] }, exclude: {} },
      { include: { event: ['login'] }, exclude: {} },
      { include: {}, exclude: { actor: ['Ana'] } },
      { include: {}, exclude: {}, actorKind: 'automation' },
      { include: { category: ['settings'], section: ['business_rule', 'shortcut'] }, exclude: {} },
      { include: { conversation: [CONVERSATION] }, exclude: {} },
    ];
    for (const filter of inexact) expect(formOfFilter(filter).exact, JSON.stringify(filter)).toBe(false);
    expect(formOfFilter({ include: {}, exclude: {}, q: 'refund' })).toEqual({ form: EMPTY_FORM, exact: true });
  });
});
