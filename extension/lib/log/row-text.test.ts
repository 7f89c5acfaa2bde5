import { describe, expect, it } from 'vitest';
import { auditEvent } from '../panel/testing';
import { rowText } from './row-text';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const ASSIGNEE = '01JD0000000000000000000ABC';
const OTHER = '01JD0000000000000000000XYZ';

describe('rowText', () => {
  it('says the whole row for a screen reader: who, when, what and the values', () => {
    const event = auditEvent({ actor: { type: 'workflow', id: 'w1', name: 'Escalate' }, property: 'status', before: 'open', after: 'done' });
    expect(rowText(event, NOW, {}).label).toBe('Escalate (Workflow), 2 hours ago: Update, Conversation, Status, from open to done');
  });

  it('names an id in the values once its name arrives', () => {
    const event = auditEvent({ property: 'assignee', before: null, after: ASSIGNEE });
    expect(rowText(event, NOW, {}).after).toBe(ASSIGNEE);
    const named = rowText(event, NOW, { [ASSIGNEE]: { type: 'user', name: 'Ana Ruiz' } });
    expect(named.after).toBe('Ana Ruiz');
    expect(named.label).toContain('to Ana Ruiz');
  });

  it('works a row’s text out once, not again for names it does not show or an unchanged clock', () => {
    const event = auditEvent({ property: 'assignee', before: null, after: ASSIGNEE });
    const names = { [ASSIGNEE]: { type: 'user' as const, name: 'Ana Ruiz' } };
    const first = rowText(event, NOW, names);
    expect(rowText(event, NOW, { ...names, [OTHER]: { type: 'team' as const, name: 'Billing' } })).toBe(first);
    expect(rowText(event, NOW + 3_600_000, names)).not.toBe(first);
  });
});
