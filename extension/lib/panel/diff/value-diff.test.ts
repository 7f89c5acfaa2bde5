import { describe, expect, it } from 'vitest';
import { diffValues } from './value-diff';
import { diffWords } from './words';

describe('diffWords', () => {
  it('marks the words removed and added in a long text, keeping the rest', () => {
    const parts = diffWords(
      'The customer asked for a refund of order 1182 yesterday.',
      'The customer asked for a replacement of order 1182 today.',
    );
    expect(parts).toEqual([
      { op: 'same', text: 'The customer asked for a ' },
      { op: 'removed', text: 'refund' },
      { op: 'added', text: 'replacement' },
      { op: 'same', text: ' of order 1182 ' },
      { op: 'removed', text: 'yesterday' },
      { op: 'added', text: 'today' },
      { op: 'same', text: '.' },
    ]);
  });

  it('keeps line breaks so a multi-line note stays readable', () => {
    const parts = diffWords('line one\nline two', 'line one\nline three\nline four');
    expect(parts.map((part) => part.text).join('')).toContain('\n');
    expect(parts.filter((part) => part.op === 'removed').map((part) => part.text)).toEqual(['two']);
  });

  it('still answers for texts too long to compare word by word', () => {
    const before = 'a '.repeat(600);
    const after = 'b '.repeat(600);
    const parts = diffWords(before, after);
    expect(parts.filter((part) => part.op !== 'added').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((part) => part.op !== 'removed').map((p) => p.text).join('')).toBe(after);
  });
});

describe('diffValues', () => {
  it('diffs long strings word by word', () => {
    const diff = diffValues('Please call me back after five in the afternoon', 'Please email me after five in the afternoon');
    expect(diff.kind).toBe('text');
  });

  it('shows short strings side by side', () => {
    expect(diffValues('open', 'done')).toEqual({ kind: 'plain' });
  });

  it('lists the items an array gained and lost', () => {
    expect(diffValues(['vip', 'billing'], ['vip', 'refund'])).toEqual({
      kind: 'list',
      before: [
        { value: 'vip', op: 'same' },
        { value: 'billing', op: 'removed' },
      ],
      after: [
        { value: 'vip', op: 'same' },
        { value: 'refund', op: 'added' },
      ],
    });
  });

  it('treats a missing list as empty', () => {
    expect(diffValues(null, ['vip'])).toMatchObject({ kind: 'list', before: [], after: [{ value: 'vip', op: 'added' }] });
  });

  it('compares JSON objects key by key', () => {
    const diff = diffValues({ plan: 'pro', seats: 3, region: 'eu' }, { plan: 'pro', seats: 5, trial: true });
    expect(diff).toEqual({
      kind: 'object',
      keys: [
        { key: 'plan', op: 'same', before: 'pro', after: 'pro' },
        { key: 'seats', op: 'changed', before: 3, after: 5 },
        { key: 'region', op: 'removed', before: 'eu', after: undefined },
        { key: 'trial', op: 'added', before: undefined, after: true },
      ],
    });
  });
});
