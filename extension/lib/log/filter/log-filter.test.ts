import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isEmptyFilter, normalizeFilter, sameFilter, withValue } from './log-filter';

describe('the log filter', () => {
  it('is empty with no values, empty lists or blank free text', () => {
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
    expect(isEmptyFilter({ include: { actor: [] }, exclude: { event: [] }, q: '  ' })).toBe(true);
    expect(isEmptyFilter({ include: {}, exclude: { event: ['login'] } })).toBe(false);
    expect(isEmptyFilter({ include: {}, exclude: {}, actorKind: 'person' })).toBe(false);
  });

  it('compares values as sets: the order of OR-ed values does not change the rows', () => {
    const a = { include: { event: ['update', 'create'] }, exclude: {} };
    const b = { include: { event: ['create', 'update', 'create'] }, exclude: {} };
    expect(sameFilter(a, b)).toBe(true);
    expect(sameFilter(a, { include: { event: ['update'] }, exclude: {} })).toBe(false);
  });

  it('tells an inclusion from an exclusion of the same value', () => {
    expect(sameFilter({ include: { event: ['login'] }, exclude: {} }, { include: {}, exclude: { event: ['login'] } })).toBe(false);
  });

  it('tells filters apart by kind, dates and free text', () => {
    const base = { include: {}, exclude: {} };
    expect(sameFilter({ ...base, from: '2026-11-01' }, { ...base, from: '2026-11-02' })).toBe(false);
    expect(sameFilter({ ...base, to: '2026-11-01' }, base)).toBe(false);
    expect(sameFilter({ ...base, q: 'refund' }, { ...base, q: 'Refund' })).toBe(false);
    expect(sameFilter({ ...base, actorKind: 'automation' }, { ...base, actorKind: 'person' })).toBe(false);
  });

  it('normalizes to one shape: duplicates and empty lists gone, first occurrence kept', () => {
    expect(normalizeFilter({ include: { actor: ['b', 'a', 'b'], event: [] }, exclude: {}, q: '' })).toEqual({
      include: { actor: ['b', 'a'] },
      exclude: {},
    });
  });

  it('moves a value between inclusion and exclusion instead of holding it in both', () => {
    const included = withValue(EMPTY_FILTER, 'include', 'property', 'status');
    expect(included).toEqual({ include: { property: ['status'] }, exclude: {} });
    const excluded = withValue(included, 'exclude', 'property', 'status');
    expect(excluded).toEqual({ include: {}, exclude: { property: ['status'] } });
    expect(withValue(excluded, 'exclude', 'property', 'tags').exclude.property).toEqual(['status', 'tags']);
  });
});
