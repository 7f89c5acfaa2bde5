import { describe, expect, it } from 'vitest';
import { filtersHashOf } from './cursor';

describe('the filters hash a cursor is bound to', () => {
  it('is the same for the same values of a filter in another order or repeated', () => {
    expect(filtersHashOf({ event: ['update', 'create'] }, 'workspace')).toBe(filtersHashOf({ event: ['create', 'update', 'create'] }, 'workspace'));
  });

  it('tells one value holding a comma from two values', () => {
    expect(filtersHashOf({ property: ['a,b'] }, 'workspace')).not.toBe(filtersHashOf({ property: ['a', 'b'] }, 'workspace'));
  });

  it('tells a value from its exclusion', () => {
    expect(filtersHashOf({ event: ['login'] }, 'workspace')).not.toBe(filtersHashOf({ notEvent: ['login'] }, 'workspace'));
  });

  it('is the same for a missing filter and one without values', () => {
    expect(filtersHashOf({ section: [], q: '' }, 'workspace')).toBe(filtersHashOf({}, 'workspace'));
  });
});
