import { signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import type { LogDeps } from './log-deps';

/**
 * The detail drawer: the event it shows and the other rows of the same
 * change (`changeId`), asked for when it opens.
 */
export function createDrawer(deps: Pick<LogDeps, 'send'>) {
  const event = signal<AuditEvent | null>(null);
  /** Every row of the event's change, the event included; null while on its way or when it failed. */
  const change = signal<AuditEvent[] | null>(null);
  let generation = 0;

  async function open(next: AuditEvent): Promise<void> {
    const mine = ++generation;
    event.value = next;
    change.value = null;
    const result = await deps.send('getLogChange', { changeId: next.changeId, occurredAt: next.occurredAt }).catch(() => null);
    if (mine === generation && result?.ok) change.value = result.value;
  }

  function close(): void {
    generation += 1;
    event.value = null;
    change.value = null;
  }

  return { event, change, open, close };
}

export type Drawer = ReturnType<typeof createDrawer>;
