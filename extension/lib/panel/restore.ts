import { signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import type { RestoreConflict } from '../messaging/protocol';
import type { PanelDeps } from './deps';
import { thrownError } from './failure';

/** The restore dialog: which event, and where the agent is in it. */
export interface RestoreState {
  event: AuditEvent;
  /** Set when the property changed since the event: the agent chooses force or keep. */
  conflict: RestoreConflict | null;
  busy: boolean;
  error: string | null;
}

function isConflict(details: unknown): details is RestoreConflict {
  return typeof details === 'object' && details !== null && 'current' in details;
}

/**
 * Putting a property's previous value back: ask, confirm, and on a
 * conflict let the agent force it or keep the current value. Only events
 * `mayRestore` allows are ever asked about.
 * `onRestored` receives the audit rows the restore wrote.
 */
export function createRestore(
  deps: PanelDeps,
  mayRestore: (event: AuditEvent) => boolean,
  onRestored: (events: AuditEvent[], event: AuditEvent) => void,
) {
  const state = signal<RestoreState | null>(null);

  function ask(event: AuditEvent): void {
    if (mayRestore(event)) state.value = { event, conflict: null, busy: false, error: null };
  }

  function cancel(): void {
    if (!state.value?.busy) state.value = null;
  }

  async function run(force: boolean): Promise<void> {
    const current = state.value;
    if (!current || current.busy) return;
    state.value = { ...current, busy: true, error: null };
    try {
      const result = await deps.send('restoreEvent', { eventId: current.event.id, force });
      if (result.ok) {
        state.value = null;
        const written = result.value.events.length > 0 ? result.value.events : result.value.event ? [result.value.event] : [];
        onRestored(written, current.event);
      } else if (result.error.code === 'conflict' && isConflict(result.error.details)) {
        state.value = { ...current, busy: false, conflict: result.error.details };
      } else {
        state.value = { ...current, busy: false, error: result.error.message };
      }
    } catch (cause) {
      state.value = { ...current, busy: false, error: thrownError(cause).message };
    }
  }

  return {
    state,
    ask,
    cancel,
    /** Restores unless the value changed since the event (then a conflict is shown). */
    confirm: () => run(false),
    /** Restores over a newer value, after a conflict. */
    force: () => run(true),
  };
}
