import { batch, createModel, signal } from '@preact/signals';
import type { Watch } from '../../../shared/api-client';
import type { Result } from '../messaging/protocol';
import { unreachable } from './inbox-model';

/** The background's watch requests, passed in for tests. */
export interface WatchesDeps {
  listWatches(): Promise<Result<Watch[]>>;
  setPaused(id: string, paused: boolean): Promise<Result<Watch>>;
  deleteWatch(id: string): Promise<Result<null>>;
}

/** How a watch's kind reads in the list. */
export const KIND_LABELS: Record<Watch['kind'], string> = { subject: 'Record', filter: 'Filter', threshold: 'Threshold' };

/**
 * The popup's watches: each with its kind and whether it is paused; pause
 * and resume one, or delete it after a second click to confirm (nothing
 * undoes a delete). One change at a time per watch.
 */
export const WatchesModel = createModel((deps: WatchesDeps) => {
  const phase = signal<'loading' | 'ready' | 'failed'>('loading');
  const items = signal<Watch[]>([]);
  const error = signal<string | null>(null);
  /** The watches with a change on its way. */
  const busy = signal<ReadonlySet<string>>(new Set());
  /** The watch whose delete waits for a confirmation. */
  const confirming = signal<string | null>(null);

  async function change<T>(id: string, work: () => Promise<Result<T>>, done: (value: T) => void): Promise<void> {
    if (busy.value.has(id)) return;
    busy.value = new Set([...busy.value, id]);
    const answer = await work().catch(() => unreachable<T>());
    batch(() => {
      busy.value = new Set([...busy.value].filter((other) => other !== id));
      if (!answer.ok) {
        error.value = answer.error.message;
        return;
      }
      error.value = null;
      done(answer.value);
    });
  }

  return {
    phase,
    items,
    error,
    busy,
    confirming,

    async load() {
      const answer = await deps.listWatches().catch(() => unreachable<Watch[]>());
      batch(() => {
        if (answer.ok) {
          items.value = answer.value;
          phase.value = 'ready';
          error.value = null;
        } else {
          error.value = answer.error.message;
          phase.value = 'failed';
        }
      });
    },

    /** Pauses a running watch, resumes a paused one. */
    async togglePaused(watch: Watch) {
      await change(
        watch.id,
        () => deps.setPaused(watch.id, !watch.paused),
        (updated) => (items.value = items.value.map((item) => (item.id === updated.id ? updated : item))),
      );
    },

    /** The first click on Delete: asks to confirm. */
    askDelete(id: string) {
      confirming.value = id;
    },

    cancelDelete() {
      confirming.value = null;
    },

    async confirmDelete() {
      const id = confirming.value;
      if (!id) return;
      await change(
        id,
        () => deps.deleteWatch(id),
        () => {
          items.value = items.value.filter((item) => item.id !== id);
          confirming.value = null;
        },
      );
    },
  };
});
