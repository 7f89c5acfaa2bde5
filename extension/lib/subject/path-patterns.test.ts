import { describe, expect, it } from 'vitest';
import { matchPath, subjectIdsFromPath } from './path-patterns';

describe('matchPath', () => {
  it('returns the named segments of a matching path', () => {
    expect(matchPath('/app/customers/:customerId/event/:conversationId', '/app/customers/c1/event/v1')).toEqual({
      customerId: 'c1',
      conversationId: 'v1',
    });
  });

  it('accepts pages deeper than the pattern', () => {
    expect(matchPath('/workspace/customers/:customerId', '/workspace/customers/c1/notes')).toEqual({ customerId: 'c1' });
  });

  it('refuses paths whose fixed segments differ', () => {
    expect(matchPath('/workspace/customers/:customerId', '/workspace/companies/c1')).toBeNull();
  });
});

describe('subjectIdsFromPath', () => {
  it('prefers the most specific pattern', () => {
    const ids = subjectIdsFromPath('/app/customers/c1/event/v1', [
      '/app/customers/:customerId',
      '/app/customers/:customerId/event/:conversationId',
    ]);
    expect(ids).toEqual({ customerId: 'c1', conversationId: 'v1' });
  });
});
