import { describe, expect, it } from 'vitest';
import type { LogFilter } from './log-filter';
import { formatQualifiers, parseQualifiers, type QueryError } from './qualifiers';

function parsed(text: string): LogFilter {
  const result = parseQualifiers(text);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.start}`);
  return result.filter;
}

function errorOf(text: string): QueryError & { marked: string } {
  const result = parseQualifiers(text);
  if (result.ok) throw new Error(`"${text}" parsed`);
  return { ...result.error, marked: text.slice(result.error.start, result.error.end) };
}

describe('parseQualifiers', () => {
  it('reads the qualifiers and free text of a full query', () => {
    expect(parsed('actor:"Ana Ruiz" section:business_rule property:status -event:login after:2026-11-01 before:2026-12-01 refund order')).toEqual({
      include: { actor: ['Ana Ruiz'], section: ['business_rule'], property: ['status'] },
      exclude: { event: ['login'] },
      from: '2026-11-01',
      to: '2026-11-30',
      q: 'refund order',
    });
  });

  it('reads the empty query as the empty filter', () => {
    expect(parsed('   ')).toEqual({ include: {}, exclude: {} });
  });

  it('ORs a repeated qualifier and accepts category: for type:', () => {
    expect(parsed('type:billing category:settings event:update event:create event:update').include).toEqual({
      category: ['billing', 'settings'],
      event: ['update', 'create'],
    });
  });

  it('reads kind:, and -kind: as the other kind', () => {
    expect(parsed('kind:automation').actorKind).toBe('automation');
    expect(parsed('-kind:automation').actorKind).toBe('person');
  });

  it('reads escaped quotes and backslashes inside quotes', () => {
    expect(parsed('customer:"Ana \\"The Boss\\" Ruiz" property:"C:\\\\dir"').include).toEqual({ customer: ['Ana "The Boss" Ruiz'], property: ['C:\\dir'] });
  });

  it('takes quoted text as free text, spaces and colons included', () => {
    expect(parsed('"status: open"  later').q).toBe('status: open later');
  });

  it('takes a time without a zone as UTC, and before: a day as up to that day', () => {
    expect(parsed('after:2026-11-01T09:30 before:2026-11-02')).toEqual({ include: {}, exclude: {}, from: '2026-11-01T09:30Z', to: '2026-11-01' });
    expect(parsed('before:2026-11-01T10:00:00+02:00').to).toBe('2026-11-01T10:00:00+02:00');
  });

  it('normalizes enum words and conversation ids', () => {
    expect(parsed('Event:LOGIN conversation:01jd0000000000000000000v01').include).toEqual({ conversation: ['01JD0000000000000000000V01'], event: ['login'] });
  });
});

describe('a malformed query says what is wrong and where', () => {
  it('names an unknown qualifier', () => {
    const error = errorOf('refund colour:red');
    expect(error.marked).toBe('colour:');
    expect(error.message).toContain('Unknown qualifier “colour:”');
    expect(error.message).toContain('in quotes');
  });

  it('names a value that is not a known section, event, type or kind', () => {
    expect(errorOf('section:rules')).toMatchObject({ marked: 'rules', message: 'section: “rules” is not a known section' });
    expect(errorOf('-event:explode').message).toBe('-event: “explode” is not a known event');
    expect(errorOf('type:sales').message).toBe('type: “sales” is not a known event type');
    expect(errorOf('kind:robot').marked).toBe('robot');
  });

  it('says a qualifier needs a value', () => {
    expect(errorOf('actor: ana')).toMatchObject({ marked: 'actor:', message: 'actor: needs a value' });
    expect(errorOf('refund property:')).toMatchObject({ start: 7, end: 16 });
    expect(errorOf('actor:"  "')).toMatchObject({ marked: '"  "', message: 'actor: needs a value' });
  });

  it('marks an unclosed quote from the quote to the end', () => {
    expect(errorOf('event:login actor:"Ana Ruiz')).toMatchObject({ marked: '"Ana Ruiz', message: 'This quote is never closed' });
    expect(errorOf('a "b').marked).toBe('"b');
  });

  it('marks a quote inside a word and text glued to a closing quote', () => {
    expect(errorOf('actor:Ana"Ruiz"')).toMatchObject({ start: 9, end: 10 });
    expect(errorOf('actor:"Ana"Ruiz')).toMatchObject({ marked: 'R', message: 'Put a space after the closing quote' });
    expect(errorOf('say"hi"').message).toBe('A quote may only open a word: put the whole text in quotes');
  });

  it('names a bad date', () => {
    expect(errorOf('after:2026-13-01')).toMatchObject({ marked: '2026-13-01' });
    expect(errorOf('before:yesterday').message).toContain('is not a date');
  });

  it('refuses a date range that ends before it starts', () => {
    expect(errorOf('after:2026-12-01 before:2026-11-01')).toMatchObject({ marked: '2026-11-01', message: 'before: must come after after:' });
  });

  it('refuses excluding a date, a second date or kind, a conversation that is not an id and more than 20 values', () => {
    expect(errorOf('-after:2026-11-01')).toMatchObject({ marked: '-after:2026-11-01', message: '-after: cannot exclude: use before: instead' });
    expect(errorOf('after:2026-11-01 after:2026-11-02').marked).toBe('2026-11-02');
    expect(errorOf('kind:person kind:automation').message).toBe('kind: may be given only once');
    expect(errorOf('conversation:123').message).toBe('conversation: “123” is not a conversation id');
    const many = Array.from({ length: 21 }, (_, i) => `property:p${i}`).join(' ');
    expect(errorOf(many)).toMatchObject({ marked: 'p20', message: 'At most 20 property: values' });
  });

  it('refuses a NUL in a value', () => {
    expect(errorOf('actor:"a\u0000b"').message).toContain('NUL');
  });
});

describe('formatQualifiers', () => {
  it('writes bare values bare, quotes the rest, and writes before: as the day after the last day', () => {
    const filter: LogFilter = {
      include: { actor: ['Ana Ruiz'], section: ['business_rule'], category: ['settings'] },
      exclude: { event: ['login'], property: ['say "hi"'] },
      actorKind: 'person',
      from: '2026-11-01',
      to: '2026-11-30',
      q: 'refund',
    };
    expect(formatQualifiers(filter)).toBe(
      'kind:person type:settings actor:"Ana Ruiz" section:business_rule -event:login -property:"say \\"hi\\"" after:2026-11-01 before:2026-12-01 refund',
    );
  });

  it('quotes free text that would read back as qualifiers or other words', () => {
    expect(formatQualifiers({ include: {}, exclude: {}, q: 'status:open' })).toBe('"status:open"');
    expect(formatQualifiers({ include: {}, exclude: {}, q: 'two  spaces' })).toBe('"two  spaces"');
    expect(formatQualifiers({ include: {}, exclude: {}, q: '-not excluded' })).toBe('-not excluded');
  });

  it('reads back what it writes', () => {
    const filter: LogFilter = {
      include: { customer: ['Ana "The Boss" Ruiz', 'back\\slash'], conversation: ['01JD0000000000000000000V01'] },
      exclude: { actor: ['Lee'] },
      from: '2026-11-01T10:00:00.000Z',
      to: '2026-11-01T11:00:00.000Z',
      q: ' leading space and "quotes" ',
    };
    expect(parsed(formatQualifiers(filter))).toEqual(filter);
  });
});
