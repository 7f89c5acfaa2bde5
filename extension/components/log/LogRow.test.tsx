import { cleanup, render, screen } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { NamedObject } from '../../../shared/schemas/names';
import { auditEvent } from '../../lib/panel/testing';
import { ActorBadge } from '../ActorBadge';
import { LogRow } from './LogRow';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const ASSIGNEE = '01JD0000000000000000000ABC';
const OTHER = '01JD0000000000000000000XYZ';
const onOpen = () => undefined;

afterEach(cleanup);

/** How many times a row's cells were rendered while `work` ran (each row has one ActorBadge). */
function rowsRendered(work: () => void): number {
  const previous = options.diffed;
  let count = 0;
  options.diffed = (vnode: VNode) => {
    if (vnode.type === ActorBadge) count += 1;
    previous?.(vnode);
  };
  try {
    work();
  } finally {
    options.diffed = previous;
  }
  return count;
}

describe('LogRow', () => {
  it('is a row labelled with the whole change for screen readers, the values by name', () => {
    const event = auditEvent({ property: 'assignee', before: null, after: ASSIGNEE });
    render(<LogRow event={event} index={0} active={false} now={NOW} names={{ [ASSIGNEE]: { type: 'user', name: 'Maya Admin' } }} onOpen={onOpen} />);
    const row = screen.getByRole('row');
    expect(row.getAttribute('aria-label')).toBe('Ana Ruiz, 2 hours ago: Update, Conversation, Assignee, from — to Maya Admin');
    expect(screen.getByTestId('log-after').textContent).toBe('Maya Admin');
  });

  it('renders again only when what it shows changes, not when names it does not show arrive', () => {
    const event = auditEvent({ property: 'assignee', before: null, after: ASSIGNEE });
    const names: Record<string, NamedObject> = { [ASSIGNEE]: { type: 'user', name: 'Maya Admin' } };
    const row = (props: { active?: boolean; names?: Record<string, NamedObject> }) => (
      <LogRow event={event} index={3} active={props.active ?? false} now={NOW} names={props.names ?? names} onOpen={onOpen} />
    );
    const view = render(row({}));
    expect(rowsRendered(() => view.rerender(row({ names: { ...names, [OTHER]: { type: 'team', name: 'Billing' } } })))).toBe(0);
    expect(rowsRendered(() => view.rerender(row({ active: true })))).toBe(1);
    expect(screen.getByRole('row').getAttribute('aria-selected')).toBe('true');
  });
});
