import { describe, expect, it } from 'vitest';
import { canonicalEventText, type ChainedFields } from '../../backend/audit/chain/canonical';
import { canonicalJson } from '../../backend/audit/values';

/*
 * The canonical form events are hashed in is RFC 8785 (JCS): these vectors
 * are written by hand from the RFC's own examples (sections 3.2.2, 3.2.3 and
 * Appendix B), so a verifier written elsewhere from the RFC gets the same text.
 */

describe('canonicalJson follows RFC 8785', () => {
  it('sorts keys by UTF-16 code units, non-ASCII keys and integer-like keys included (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('orders integer-like keys as text, not as numbers', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b', b: 1, A: 2, '': 3 })).toBe('{"":3,"10":"b","9":"a","A":2,"b":1}');
  });

  it('writes the RFC’s sample object: numbers, escapes, literals (RFC 8785 §3.2.2)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes numbers as ECMAScript does (RFC 8785 Appendix B)', () => {
    const vectors: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [5e-324, '5e-324'],
      [-5e-324, '-5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [-9007199254740992, '-9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [1e21, '1e+21'],
      [999999999999999900000, '999999999999999900000'],
      [0.000001, '0.000001'],
      [9.999999999999997e-7, '9.999999999999997e-7'],
      [0.1, '0.1'],
      [1e23, '1e+23'],
    ];
    for (const [value, text] of vectors) expect(canonicalJson(value), text).toBe(text);
    expect(canonicalJson({ a: [1e21, -0, 0.1] })).toBe('{"a":[1e+21,0,0.1]}');
  });

  it('nests: objects in arrays in objects, each sorted, nothing reordered in arrays', () => {
    expect(canonicalJson({ z: [{ b: 1, a: 2 }, [3, { d: null, c: 'x' }]], a: {} })).toBe('{"a":{},"z":[{"a":2,"b":1},[3,{"c":"x","d":null}]]}');
  });
});

describe('canonicalEventText', () => {
  const fields: ChainedFields = {
    orgId: 'org-1',
    seq: 7,
    id: 'ev-1',
    occurredAt: 1_764_000_000_123,
    actorType: 'user',
    actorId: 'u-1',
    actorName: 'Chloé "C" Müller',
    event: 'update',
    category: 'customer',
    section: 'customer',
    subjectType: 'customer',
    subjectId: 'c-1',
    subjectLabel: 'Ana\nSouza',
    customerId: 'c-1',
    conversationId: null,
    property: 'name',
    changeId: 'ch-1',
    context: '{"shortcut":"s-1"}',
    requestId: 'r-1',
    ip: '10.0.0.1',
    userAgent: 'UA',
    apiKeyId: null,
  };

  it('is the JCS text of the event object with fixed keys, the commitments in place of the values', () => {
    const text = canonicalEventText(fields, 'aa'.repeat(32), { name: 'bb'.repeat(32), email: null });
    const object = {
      v: 1,
      seq: 7,
      orgId: 'org-1',
      id: 'ev-1',
      occurredAt: 1_764_000_000_123,
      actor: { type: 'user', id: 'u-1', name: 'Chloé "C" Müller' },
      event: 'update',
      category: 'customer',
      section: 'customer',
      subject: { type: 'customer', id: 'c-1', label: 'Ana\nSouza' },
      customerId: 'c-1',
      conversationId: null,
      property: 'name',
      before: 'aa'.repeat(32),
      after: { name: 'bb'.repeat(32), email: null },
      changeId: 'ch-1',
      context: { shortcut: 's-1' },
      requestId: 'r-1',
      ip: '10.0.0.1',
      userAgent: 'UA',
      apiKeyId: null,
    };
    expect(text).toBe(canonicalJson(object));
    expect(text.startsWith('{"actor":{"id":"u-1","name":"Chloé \\"C\\" Müller","type":"user"},"after":{"email":null,"name":"bbbb')).toBe(true);
  });
});
