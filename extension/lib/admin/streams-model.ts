import { batch, createModel, signal } from '@preact/signals';
import type { StreamDestination, StreamDestinationWithSecret } from '../../../shared/api-client';
import type { Result } from '../messaging/protocol';
import { type AdminDeps, unanswered } from './admin-deps';
import { refreshWhileVisible, type VisiblePage } from './refresh-while-visible';
import { secretOnce } from './secret-once';
import { createInputOf, emptyStreamForm, formOfDestination, type StreamForm, updateInputOf } from './stream-form';

export type StreamsDeps = Pick<
  AdminDeps,
  | 'listStreamDestinations'
  | 'createStreamDestination'
  | 'updateStreamDestination'
  | 'pauseStreamDestination'
  | 'resumeStreamDestination'
  | 'rotateStreamDestinationSecret'
  | 'deleteStreamDestination'
  | 'copy'
  | 'now'
>;

/** A rotate or delete waiting for the admin to confirm it: both break what the receiver relies on. */
export interface PendingStreamConfirm {
  destinationId: string;
  action: 'rotate' | 'delete';
}

/** The form: closed, adding a destination, or changing one. */
export type StreamFormMode = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; destinationId: string };

/**
 * The workspace's log streams: each destination with its health, asked
 * again every few seconds while the page is visible; create one (a
 * webhook's secret shown once, with Copy), change it, pause and resume it,
 * rotate a webhook's secret and delete, the last two asked first. The
 * backend's refusals are shown in its own words.
 */
export const StreamsModel = createModel((deps: StreamsDeps) => {
  const destinations = signal<StreamDestination[]>([]);
  const loaded = signal(false);
  const mode = signal<StreamFormMode>({ kind: 'closed' });
  const form = signal<StreamForm>(emptyStreamForm());
  const confirming = signal<PendingStreamConfirm | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  /** Why the last refresh failed (the list shown is then older than it says). */
  const refreshError = signal<string | null>(null);
  /** The clock the health is read against, moved on at each refresh. */
  const now = signal(deps.now());
  /** A webhook's signing secret just made. */
  const secret = secretOnce(deps.copy, (message) => (error.value = message));

  /** Bumped as each change the admin makes starts and ends, so a refresh begun before or during it does not put older rows back. */
  let changes = 0;

  function replace(destination: StreamDestination) {
    const list = destinations.value;
    destinations.value = list.some((d) => d.id === destination.id) ? list.map((d) => (d.id === destination.id ? destination : d)) : [destination, ...list];
  }

  function reveal(made: StreamDestinationWithSecret, how: 'created' | 'rotated') {
    const { secret: value, ...destination } = made;
    batch(() => {
      replace(destination);
      if (value !== null) secret.show({ ownerId: made.id, name: made.name, secret: value, made: how });
    });
  }

  async function run<T>(work: () => Promise<Result<T>>, done: (value: T) => void): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    changes++;
    const result = await work().catch(() => unanswered<T>());
    // Again once answered: a refresh begun while the change was in flight may have read the rows before it.
    changes++;
    batch(() => {
      busy.value = false;
      now.value = deps.now();
      if (!result.ok) error.value = result.error.message;
      else {
        error.value = null;
        done(result.value);
      }
    });
    return result.ok;
  }

  async function refresh() {
    const before = changes;
    const result = await deps.listStreamDestinations().catch(() => unanswered<StreamDestination[]>());
    if (before !== changes) return;
    batch(() => {
      now.value = deps.now();
      if (result.ok) {
        destinations.value = result.value;
        loaded.value = true;
      }
      refreshError.value = result.ok ? null : result.error.message;
    });
  }

  return {
    destinations,
    loaded,
    mode,
    form,
    revealed: secret.revealed,
    copied: secret.copied,
    confirming,
    busy,
    error,
    refreshError,
    now,

    load: refresh,
    refresh,

    /** Keeps the health current while the page is visible; answers the cleanup. */
    follow(page: VisiblePage, everyMs?: number): () => void {
      return refreshWhileVisible(page, refresh, everyMs);
    },

    /** Changes the form's fields. */
    edit(patch: Partial<StreamForm>) {
      form.value = { ...form.value, ...patch };
    },

    openCreate() {
      batch(() => {
        form.value = emptyStreamForm();
        mode.value = { kind: 'create' };
        error.value = null;
      });
    },

    /** Opens the form on a destination's settings. */
    openEdit(destinationId: string) {
      const destination = destinations.value.find((d) => d.id === destinationId);
      if (!destination) return;
      batch(() => {
        form.value = formOfDestination(destination);
        mode.value = { kind: 'edit', destinationId };
        error.value = null;
      });
    },

    closeForm() {
      mode.value = { kind: 'closed' };
    },

    /** Creates the destination or saves the changes, as the form is open for. */
    async submit() {
      const current = mode.value;
      if (current.kind === 'closed') return;
      if (current.kind === 'create') {
        const input = createInputOf(form.value);
        if (!input.ok) {
          error.value = input.error;
          return;
        }
        if (await run(() => deps.createStreamDestination(input.input), (made) => reveal(made, 'created'))) mode.value = { kind: 'closed' };
        return;
      }
      const input = updateInputOf(form.value);
      if (!input.ok) {
        error.value = input.error;
        return;
      }
      if (await run(() => deps.updateStreamDestination(current.destinationId, input.input), replace)) mode.value = { kind: 'closed' };
    },

    pause: (destinationId: string) => run(() => deps.pauseStreamDestination(destinationId), replace),
    resume: (destinationId: string) => run(() => deps.resumeStreamDestination(destinationId), replace),

    ask(destinationId: string, action: PendingStreamConfirm['action']) {
      confirming.value = { destinationId, action };
    },

    cancel() {
      confirming.value = null;
    },

    /** Carries out the rotate or delete the admin confirmed. */
    async confirm() {
      const pending = confirming.value;
      if (!pending) return;
      confirming.value = null;
      if (pending.action === 'rotate') {
        await run(() => deps.rotateStreamDestinationSecret(pending.destinationId), (made) => reveal(made, 'rotated'));
        return;
      }
      await run(
        () => deps.deleteStreamDestination(pending.destinationId),
        () => {
          destinations.value = destinations.value.filter((d) => d.id !== pending.destinationId);
          secret.forget(pending.destinationId);
          const open = mode.value;
          if (open.kind === 'edit' && open.destinationId === pending.destinationId) mode.value = { kind: 'closed' };
        },
      );
    },

    copySecret: () => secret.copy(),
    dismissSecret: () => secret.dismiss(),
  };
});
