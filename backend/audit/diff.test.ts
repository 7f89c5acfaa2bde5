import { describe, expect, it } from 'vitest';
import { diffProperties, mergeCustom } from './diff';

describe('diffProperties', () => {
  it('lists only the tracked properties whose value changed, in tracked order', () => {
    const changes = diffProperties({ name: 'A', status: 'open', secret: 1 }, { name: 'B', status: 'open', secret: 2 }, ['status', 'name']);
    expect(changes).toEqual([{ property: 'name', before: 'A', after: 'B' }]);
  });

  it('compares arrays as whole values, order included', () => {
    expect(diffProperties({ tags: ['a', 'b'] }, { tags: ['a', 'b'] }, ['tags'])).toEqual([]);
    expect(diffProperties({ tags: ['a', 'b'] }, { tags: ['b', 'a'] }, ['tags'])).toEqual([
      { property: 'tags', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
  });

  it('ignores key order inside objects', () => {
    expect(diffProperties({ criteria: { a: 1, b: { c: 2, d: 3 } } }, { criteria: { b: { d: 3, c: 2 }, a: 1 } }, ['criteria'])).toEqual([]);
  });

  it('expands custom attributes into custom.<name>, added, changed and removed', () => {
    const changes = diffProperties(
      { custom: { plan: 'silver', ltv: 10, old: true } },
      { custom: { plan: 'gold', ltv: 10, region: 'EU' } },
      ['custom'],
    );
    expect(changes).toEqual([
      { property: 'custom.old', before: true, after: null },
      { property: 'custom.plan', before: 'silver', after: 'gold' },
      { property: 'custom.region', before: null, after: 'EU' },
    ]);
  });

  it('treats undefined and null alike, and dates as ISO strings', () => {
    expect(diffProperties({ a: null }, { a: undefined }, ['a'])).toEqual([]);
    expect(diffProperties({ at: null }, { at: new Date('2026-01-02T03:04:05Z') }, ['at'])).toEqual([
      { property: 'at', before: null, after: '2026-01-02T03:04:05.000Z' },
    ]);
  });
});

describe('mergeCustom', () => {
  it('merges a patch, removing attributes set to null', () => {
    expect(mergeCustom({ plan: 'gold', old: 1 }, { old: null, region: 'EU' })).toEqual({ plan: 'gold', region: 'EU' });
  });
});
