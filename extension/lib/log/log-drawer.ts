import { signal } from '@preact/signals';
import type { AuditEvent, AuditPage } from '../../../shared/audit-event';
import type { Result } from '../messaging/protocol';
import type { LogDeps } from './log-deps';

/**
 * The detail drawer: the event it shows and the other rows of the same
 * change (`changeId`), asked for page by page when it opens, so a change
 * of any width shows whole.
 */
export function createDrawer(deps: Pick<LogDeps, 'send'>) {
  const event = signal<AuditEvent | null>(null);
  /** The rows of the event's change read so far, the event included; null until the first page came or when it failed. */
  const change = signal<AuditEvent[] | null>(null);
  /** True while more of the change is on its way. */
  const changeLoading = signal(false);
  let generation = 0;

  async function open(next: AuditEvent): Promise<void> {
    const sameChange = event.value?.changeId === next.changeId && (change.value !== null || changeLoading.value);
    event.value = next;
    // Another row of the change being read (or read) needs none of it again.
    if (sameChange) return;
    const mine = ++generation;
    change.value = null;
    changeLoading.value = true;
    let cursor: string | null = null;
    do {
      const result: Result<AuditPage> | null = await deps.send('getLogChange', { changeId: next.changeId, cursor }).catch(() => null);
      if (mine !== generation) return;
      if (!result?.ok) break;
      change.value = [...(change.value ?? []), ...result.value.items];
      cursor = result.value.nextCursor;
    } while (cursor);
    changeLoading.value = false;
  }

  function close(): void {
    generation += 1;
    event.value = null;
    change.value = null;
    changeLoading.value = false;
  }

  return { event, change, changeLoading, open, close };
}

export type Drawer = ReturnType<typeof createDrawer>;
