import { describe, expect, it } from 'vitest';
import type { LogFilter } from './log-filter';
import { filterOfParams, paramsOf } from './params';

const CONVERSATION = '01JD0000000000000000000V01';

describe('filter parameters', () => {
  it('writes several values by repeating the API parameter and exclusions as not…', () => {
    const filter: LogFilter = {
      include: { event: ['update', 'create'], conversation: [CONVERSATION] },
      exclude: { property: ['status'], actor: ['Ana Ruiz'] },
      actorKind: 'person',
      from: '2026-11-01',
      to: '2026-11-30T12:00:00.000Z',
      q: 'refund order',
    };
    expect(paramsOf(filter).toString()).toBe(
      `conversation=${CONVERSATION}&event=update&event=create&notActor=Ana+Ruiz&notProperty=status` +
        '&actorKind=person&from=2026-11-01&to=2026-11-30T12%3A00%3A00.000Z&q=refund+order',
    );
  });

  it('reads back what it wrote, with nothing to complain about', () => {
    const filter: LogFilter = { include: { section: ['business_rule', 'workflow'] }, exclude: { event: ['login'] }, q: 'a "quoted" & b=c' };
    const read = filterOfParams(new URLSearchParams(paramsOf(filter).toString()));
    expect(read).toEqual({ filter, problems: [] });
  });

  it('writes nothing for the empty filter', () => {
    expect(paramsOf({ include: { actor: [] }, exclude: {} }).toString()).toBe('');
  });

  it('leaves out an unknown parameter, a value that is not known and a bad date, naming each, and keeps the rest', () => {
    const { filter, problems } = filterOfParams(new URLSearchParams('section=business_rule&colour=red&event=explode&from=2026-02-30&notCategory=billing'));
    expect(filter).toEqual({ include: { section: ['business_rule'] }, exclude: { category: ['billing'] } });
    expect(problems).toEqual([
      'unknown parameter “colour”: left out',
      'event “explode” is not a known event: left out',
      'from “2026-02-30” is not a date (YYYY-MM-DD) or a time with its zone (YYYY-MM-DDTHH:MMZ): left out',
    ]);
  });

  it('passes over the page’s own parameters in silence', () => {
    expect(filterOfParams(new URLSearchParams('view=abc&event=login'), { otherParams: ['view'] })).toEqual({
      filter: { include: { event: ['login'] }, exclude: {} },
      problems: [],
    });
  });

  it('keeps at most 20 values of a filter, as the API does, and says so', () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 21; i += 1) params.append('property', `p${i}`);
    const { filter, problems } = filterOfParams(params);
    expect(filter.include.property).toHaveLength(20);
    expect(problems).toEqual(['property “p20”: at most 20 values, left out']);
  });

  it('keeps the first of a single-valued parameter given twice', () => {
    const { filter, problems } = filterOfParams(new URLSearchParams('actorKind=person&actorKind=automation'));
    expect(filter.actorKind).toBe('person');
    expect(problems).toEqual(['actorKind given more than once: the first kept']);
  });

  it('normalizes what a hand-written link says: enum words in any case, ids in capitals, values trimmed', () => {
    const { filter, problems } = filterOfParams(new URLSearchParams(`event=LOGIN&conversation=${CONVERSATION.toLowerCase()}&actor=%20Ana%20`));
    expect(problems).toEqual([]);
    expect(filter.include).toEqual({ actor: ['Ana'], conversation: [CONVERSATION], event: ['login'] });
  });

  it('refuses a conversation that is not an id and text the API cannot store', () => {
    const { filter, problems } = filterOfParams(new URLSearchParams([['conversation', 'abc'], ['customer', 'Ana\u0000']]));
    expect(filter).toEqual({ include: {}, exclude: {} });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('is not a conversation id');
  });
});
