import { describe, expect, it } from 'vitest';
import { isRestorable } from './restorable';

const edit = {
  event: 'update' as const,
  property: 'status',
  subject: { type: 'conversation' as const, id: '01J0000000000000000000000A', label: 'Refund' },
  context: null,
};

describe('which events the panel offers to restore', () => {
  it('offers edits of one property of a restorable object, including status changes and assignments', () => {
    expect(isRestorable(edit)).toBe(true);
    expect(isRestorable({ ...edit, event: 'status_changed' })).toBe(true);
    expect(isRestorable({ ...edit, event: 'assigned', property: 'assignedUsers' })).toBe(true);
  });

  it('refuses creates, deletes, sign-ins and merges, rows without a property, redacted values and objects restored elsewhere', () => {
    for (const event of ['create', 'delete', 'login', 'merge', 'redact'] as const) expect(isRestorable({ ...edit, event })).toBe(false);
    expect(isRestorable({ ...edit, property: null })).toBe(false);
    expect(isRestorable({ ...edit, context: { redacted: true } })).toBe(false);
    expect(isRestorable({ ...edit, subject: { type: 'agent', id: '01J0000000000000000000000B', label: 'Ana' } })).toBe(false);
  });
});
