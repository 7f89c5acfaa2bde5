import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRowsOf, bodyOf } from '../support/audit-rows';
import { createTestWorkspace, type TestWorkspace } from '../support/harness';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createTestWorkspace();
});
afterEach(() => ws.close());

const CARD = { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2099 };

function patchSubscription(body: object) {
  return ws.call('PATCH', '/api/v1/billing/subscription', { token: ws.tokens.admin, body });
}

describe('billing', () => {
  it('has no billing account until the first billing change', async () => {
    const res = await ws.call('GET', '/api/v1/billing', { token: ws.tokens.admin });
    expect(((await bodyOf<{ error: { code: string } }>(res, 404)).error.code)).toBe('not_found');
  });

  it('creates the account on the first change as one create row with the defaults', async () => {
    const account = await bodyOf<{ id: string }>(await patchSubscription({ plan: 'pro' }), 200);
    expect(account.id).toBe(ws.orgId);
    const rows = await auditRowsOf(ws, ws.orgId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'create',
      category: 'billing',
      section: 'billing',
      property: null,
      before: null,
      after: { plan: 'pro', seats: 1, billingEmail: 'admin@test.example', paymentMethod: null },
      actor: { type: 'user', id: ws.users.admin.id, name: ws.users.admin.name },
      subject: { type: 'billing_account', id: ws.orgId, label: 'Billing account' },
    });
    expect(await bodyOf(await ws.call('GET', '/api/v1/billing', { token: ws.tokens.admin }), 200)).toMatchObject({ plan: 'pro' });
  });

  it('records a subscription change per property, and nothing for one that changes nothing', async () => {
    await bodyOf(await patchSubscription({ plan: 'pro' }), 200);
    await bodyOf(await patchSubscription({ seats: 12, billingEmail: 'Finance@Example.com' }), 200);
    await bodyOf(await patchSubscription({ seats: 12 }), 200);
    const updates = (await auditRowsOf(ws, ws.orgId)).slice(1);
    expect(updates.map((r) => [r.event, r.category, r.section, r.property, r.before, r.after])).toEqual([
      ['update', 'billing', 'billing', 'seats', 1, 12],
      ['update', 'billing', 'billing', 'billingEmail', 'admin@test.example', 'finance@example.com'],
    ]);
  });

  it('records a new card on file by brand, last four digits and expiry only', async () => {
    await bodyOf(await patchSubscription({ plan: 'pro' }), 200);
    await bodyOf(await ws.call('PUT', '/api/v1/billing/payment-method', { token: ws.tokens.admin, body: CARD }), 200);
    const [, update] = await auditRowsOf(ws, ws.orgId);
    expect(update).toMatchObject({ event: 'update', category: 'billing', section: 'billing', property: 'paymentMethod', before: null, after: CARD });
  });

  it('refuses a full card number and any field it does not know, and records nothing', async () => {
    const bodies = [
      { ...CARD, last4: '4242424242424' },
      { ...CARD, number: '4242424242424242' },
      { ...CARD, cvc: '123' },
    ];
    for (const body of bodies) {
      const res = await ws.call('PUT', '/api/v1/billing/payment-method', { token: ws.tokens.admin, body });
      expect((await bodyOf<{ error: { code: string } }>(res, 400)).error.code).toBe('invalid_request');
    }
    expect((await patchSubscription({ plan: 'pro', discount: 100 })).status).toBe(400);
    expect(await auditRowsOf(ws, ws.orgId)).toEqual([]);
  });

  it('refuses a card that has expired', async () => {
    const res = await ws.call('PUT', '/api/v1/billing/payment-method', {
      token: ws.tokens.admin,
      body: { ...CARD, expMonth: 1, expYear: 2001 },
    });
    expect(res.status).toBe(400);
  });

  it('keeps billing to admins', async () => {
    for (const token of [ws.tokens.agent, ws.tokens.lead]) {
      expect((await ws.call('GET', '/api/v1/billing', { token })).status).toBe(403);
      expect((await ws.call('PATCH', '/api/v1/billing/subscription', { token, body: { seats: 2 } })).status).toBe(403);
      expect((await ws.call('PUT', '/api/v1/billing/payment-method', { token, body: CARD })).status).toBe(403);
    }
    expect(await auditRowsOf(ws, ws.orgId)).toEqual([]);
  });
});
