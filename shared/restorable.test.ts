import { describe, expect, it } from 'vitest';
import { canRestore, isRestorable, permissionMissingToRestore } from './restorable';

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

describe('who may restore (the rule the panel and the backend share)', () => {
  const routing = { ...edit, event: 'assigned' as const, property: 'assignedUsers', category: 'work_session' as const };
  const conversationEdit = { ...edit, category: 'conversation' as const };
  const shortcutRename = { ...edit, property: 'name', category: 'settings' as const, subject: { type: 'shortcut' as const, id: edit.subject.id, label: 'Close' } };
  const plan = { ...edit, property: 'plan', category: 'billing' as const, subject: { type: 'billing_account' as const, id: edit.subject.id, label: 'Billing' } };

  it.each([
    ['agent', { conversationEdit: true, routing: false, shortcutRename: false, plan: false }],
    ['lead', { conversationEdit: true, routing: true, shortcutRename: false, plan: false }],
    ['admin', { conversationEdit: true, routing: true, shortcutRename: true, plan: true }],
    ['automation', { conversationEdit: true, routing: false, shortcutRename: false, plan: false }],
  ] as const)('lets a %s restore exactly what their role may see and edit', (holder, expected) => {
    expect({
      conversationEdit: canRestore(conversationEdit, holder),
      routing: canRestore(routing, holder),
      shortcutRename: canRestore(shortcutRename, holder),
      plan: canRestore(plan, holder),
    }).toEqual(expected);
  });

  it("names what an agent lacks for a conversation's routing event: seeing work-session rows", () => {
    expect(permissionMissingToRestore(routing, 'agent')).toBe('audit:work_session');
    expect(permissionMissingToRestore(shortcutRename, 'agent')).toBe('audit:workspace');
    expect(permissionMissingToRestore(routing, 'lead')).toBeNull();
  });

  it('never offers an event that cannot be restored, whatever the role', () => {
    expect(canRestore({ ...conversationEdit, event: 'create' }, 'admin')).toBe(false);
  });
});
