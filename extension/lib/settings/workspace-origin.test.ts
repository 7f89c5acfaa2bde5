import { describe, expect, it } from 'vitest';
import { isWorkspaceOrigin, matchPatternOf, originMatches, originOfInput } from './workspace-origin';

describe('workspace origins', () => {
  it('match pages of the same scheme, host and port only', () => {
    expect(originMatches('http://127.0.0.1:8787', new URL('http://127.0.0.1:8787/workspace/customers/1'))).toBe(true);
    expect(originMatches('http://127.0.0.1:8787', new URL('http://127.0.0.1:9999/workspace/customers/1'))).toBe(false);
    expect(originMatches('http://127.0.0.1:8787', new URL('http://127.0.0.1/workspace/customers/1'))).toBe(false);
    expect(originMatches('https://acme.kustomer.com', new URL('https://acme.kustomer.com/app'))).toBe(true);
    expect(originMatches('https://acme.kustomer.com', new URL('https://acme.kustomer.com:8443/app'))).toBe(false);
    expect(originMatches('https://acme.kustomer.com', new URL('http://acme.kustomer.com/app'))).toBe(false);
  });

  it('match any subdomain for a *. origin, on its port', () => {
    expect(originMatches('https://*.kustomer.com', new URL('https://acme.kustomer.com/app'))).toBe(true);
    expect(originMatches('https://*.kustomer.com', new URL('https://kustomer.com.evil.test/app'))).toBe(false);
    expect(originMatches('https://*.kustomer.com', new URL('https://acme.kustomer.com:444/app'))).toBe(false);
  });

  it('read what people paste as an origin', () => {
    expect(originOfInput('https://Acme.Kustomer.com/app/customers/1')).toBe('https://acme.kustomer.com');
    expect(originOfInput('acme.kustomer.com')).toBe('https://acme.kustomer.com');
    expect(originOfInput('localhost:3000/tickets')).toBe('http://localhost:3000');
    expect(originOfInput('https://*.kustomer.com/*')).toBe('https://*.kustomer.com');
    expect(originOfInput('http://127.0.0.1:80')).toBe('http://127.0.0.1');
  });

  it('refuse what is not an origin', () => {
    expect(isWorkspaceOrigin('https://acme.test/app')).toBe(false);
    expect(isWorkspaceOrigin('ftp://acme.test')).toBe(false);
    expect(isWorkspaceOrigin('http://localhost:70000')).toBe(false);
    expect(isWorkspaceOrigin('http://localhost:3000')).toBe(true);
  });

  it('give Chrome the match pattern of the host, every port', () => {
    expect(matchPatternOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(matchPatternOf('https://*.kustomer.com')).toBe('https://*.kustomer.com/*');
  });
});
