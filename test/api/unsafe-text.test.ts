import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../backend/db/schema';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

/**
 * Text SQLite cannot keep as it was sent: lone surrogates (SQLite stores
 * UTF-8, so they come back as U+FFFD or break the driver's decoding), NUL
 * (ends a C string) and JSON nested deeper than SQLite's JSON functions
 * parse. All are refused at the edge, so nothing of them reaches the log.
 */
let ws: TestWorkspace;
let customerId: string;
beforeEach(async () => {
  ws = await createTestWorkspace();
  const res = await ws.call('POST', '/api/v1/customers', { token: ws.tokens.agent, body: { name: 'Ana' } });
  customerId = ((await res.json()) as { id: string }).id;
});
afterEach(() => ws.close());

async function auditCount() {
  return (await ws.deps.db.reader.select().from(auditEvents)).length;
}

async function expectInvalid(res: Response, message: RegExp) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string; details?: Array<{ message: string }> } };
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.details?.map((issue) => issue.message).join('\n')).toMatch(message);
}

/** `levels` arrays and objects around a string: `[{"a":["bottom"]}]` is 3 levels deep. */
function deepValue(levels: number, containers: 'mixed' | 'arrays' = 'mixed'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = containers === 'arrays' || i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('lone surrogates', () => {
  it('answers 400 to a lone surrogate in a customer name, writes nothing, and the CSV export keeps working', async () => {
    const before = await auditCount();
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { name: 'sur\ud800gate' } });
    await expectInvalid(res, /well-formed Unicode/);
    expect(await auditCount()).toBe(before);
    const csv = await ws.call('GET', `/api/v1/audit/export?format=csv&customer=${customerId}`, { token: ws.tokens.admin });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Ana');
  });

  it('writes no phantom update rows when the same PATCH is repeated', async () => {
    const before = await auditCount();
    for (let i = 0; i < 3; i++) {
      const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { name: 'sur\udfffgate' } });
      expect(res.status).toBe(400);
    }
    expect(await auditCount()).toBe(before);
  });

  it('answers 400 to a lone surrogate inside a custom attribute value or key of a JSON value', async () => {
    for (const custom of [{ note: 'x\udc00' }, { note: { ['k\ud800']: 1 } }]) {
      const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { custom } });
      await expectInvalid(res, /well-formed Unicode/);
    }
  });
});

describe('deeply nested JSON', () => {
  it('answers 400 to a custom attribute nested 1,100 levels deep, and the log still answers every role', async () => {
    const before = await auditCount();
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { custom: { deep: deepValue(1_100, 'arrays') } } });
    await expectInvalid(res, /nested deeper than 32 levels/);
    expect(await auditCount()).toBe(before);
    for (const role of ['agent', 'lead', 'admin'] as const) {
      expect((await ws.call('GET', '/api/v1/audit', { token: ws.tokens[role] })).status).toBe(200);
    }
    expect((await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: ws.tokens.agent })).status).toBe(200);
  });

  it('answers 400 to a custom attribute nested 33 levels deep', async () => {
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { custom: { deep: deepValue(33) } } });
    await expectInvalid(res, /nested deeper than 32 levels/);
  });

  it('accepts a custom attribute nested exactly 32 levels deep and shows it in the history as sent', async () => {
    const value = deepValue(32);
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { custom: { deep: value } } });
    expect(res.status).toBe(200);
    const history = (await (await ws.call('GET', `/api/v1/customers/${customerId}/audit`, { token: ws.tokens.agent })).json()) as {
      items: Array<{ property: string | null; after: unknown }>;
    };
    expect(history.items.find((e) => e.property === 'custom.deep')?.after).toEqual(value);
  });

  it('answers 400 to a JSON value with more nodes than allowed although it is shallow and small per node', async () => {
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, {
      token: ws.tokens.agent,
      body: { custom: { wide: Array.from({ length: 2_000 }, () => 0) } },
    });
    await expectInvalid(res, /more than 1000 values/);
  });
});

describe('NUL characters', () => {
  it('answers 400 to a NUL in a customer name', async () => {
    const res = await ws.call('PATCH', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent, body: { name: 'a\u0000b' } });
    await expectInvalid(res, /must not contain a NUL character/);
  });

  it.each([
    ['the workspace log', '/api/v1/audit?q=a%00b'],
    ['the actor helper', '/api/v1/audit/actors?q=%00x'],
    ['a customer history', () => `/api/v1/customers/${customerId}/audit?q=a%00b`],
    ['the customer filter', '/api/v1/audit?customer=%00'],
    ['the export', '/api/v1/audit/export?q=%00'],
    ['the stream', '/api/v1/audit/stream?q=a%00b'],
  ])('answers 400 to a NUL in the query of %s', async (_name, path) => {
    const url = typeof path === 'function' ? path() : path;
    await expectInvalid(await ws.call('GET', url, { token: ws.tokens.admin }), /must not contain a NUL character/);
  });
});

describe('JSON values', () => {
  function patchRaw(body: string) {
    return ws.app.request(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': 'application/json' },
      body,
    });
  }

  it('answers 400 to a NUL inside a custom attribute value: SQLite would hand it to CSV cells and searches as a raw NUL', async () => {
    await expectInvalid(await patchRaw('{"custom":{"note":{"text":"a\\u0000b"}}}'), /must not contain a NUL character/);
  });

  it('answers 400 to a number JSON cannot keep (1e400 parses as Infinity and would be stored as null)', async () => {
    const before = await auditCount();
    await expectInvalid(await patchRaw('{"custom":{"big":1e400}}'), /numbers must be finite/);
    expect(await auditCount()).toBe(before);
  });
});

describe('keys that JavaScript objects treat specially', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('answers 400 to a custom attribute named %s instead of dropping it', async (key) => {
    const before = await auditCount();
    const res = await ws.app.request(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': 'application/json' },
      body: `{"custom":{"${key}":"x"}}`,
    });
    await expectInvalid(res, /reserved/);
    expect(await auditCount()).toBe(before);
  });

  it('keeps a __proto__ key nested inside a custom attribute value exactly as sent', async () => {
    const res = await ws.app.request(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ws.tokens.agent}`, 'content-type': 'application/json' },
      body: '{"custom":{"meta":{"__proto__":{"polluted":true},"constructor":1}}}',
    });
    expect(res.status).toBe(200);
    const customer = (await (await ws.call('GET', `/api/v1/customers/${customerId}`, { token: ws.tokens.agent })).json()) as {
      custom: { meta: object };
    };
    expect(Object.keys(customer.custom.meta)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(customer.custom.meta)).toBe('{"__proto__":{"polluted":true},"constructor":1}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
