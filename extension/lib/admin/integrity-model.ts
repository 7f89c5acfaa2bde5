import { batch, createModel, signal } from '@preact/signals';
import type { IntegrityStatus } from '../../../shared/api-client';
import { type AdminDeps, UNANSWERED, unanswered } from './admin-deps';

export type IntegrityDeps = Pick<AdminDeps, 'getIntegrity' | 'verifyLog' | 'signCheckpoint' | 'downloadCheckpoint' | 'saveFile'>;

/** What the section is doing: one action at a time, each button showing its own. */
export type IntegrityAction = 'verify' | 'sign' | 'download';

/**
 * The log's tamper evidence as an admin sees it: the last verification, the
 * latest signed checkpoint and the key, with Verify now, Sign a checkpoint
 * now and Download. What the backend answers is shown as it answered it;
 * its refusals in its own words.
 */
export const IntegrityModel = createModel((deps: IntegrityDeps) => {
  const status = signal<IntegrityStatus | null>(null);
  const busy = signal<IntegrityAction | null>(null);
  const error = signal<string | null>(null);
  /** Verify now checks the whole chain rather than what follows the last verified checkpoint. */
  const full = signal(false);
  /** The name of the checkpoint file last saved, to say where it went. */
  const saved = signal<string | null>(null);

  /** Runs one action unless another is running; a failure shows the backend's message. */
  async function act(action: IntegrityAction, run: () => Promise<string | null>) {
    if (busy.value) return;
    batch(() => {
      busy.value = action;
      error.value = null;
    });
    const failure = await run().catch(() => UNANSWERED);
    batch(() => {
      busy.value = null;
      error.value = failure;
    });
  }

  function update(patch: Partial<IntegrityStatus>) {
    if (status.value) status.value = { ...status.value, ...patch };
  }

  return {
    status,
    busy,
    error,
    full,
    saved,

    async load() {
      const result = await deps.getIntegrity().catch(() => unanswered<never>());
      batch(() => {
        if (result.ok) status.value = result.value;
        error.value = result.ok ? null : result.error.message;
      });
    },

    /** Verifies the chain now; the run, found intact or not, becomes the last verification. */
    verify: () =>
      act('verify', async () => {
        const result = await deps.verifyLog(full.value);
        if (!result.ok) return result.error.message;
        update({ lastVerification: result.value });
        return null;
      }),

    /** Signs the chain's head now; the new checkpoint becomes the latest. */
    sign: () =>
      act('sign', async () => {
        const result = await deps.signCheckpoint();
        if (!result.ok) return result.error.message;
        batch(() => {
          update({ latestCheckpoint: result.value });
          saved.value = null;
        });
        return null;
      }),

    /** Saves the shown checkpoint's file (that one, even if another was signed since). */
    download: () =>
      act('download', async () => {
        const shown = status.value?.latestCheckpoint;
        if (!shown) return 'No checkpoint has been signed yet.';
        const result = await deps.downloadCheckpoint(shown.id);
        if (!result.ok) return result.error.message;
        deps.saveFile(result.value.text, result.value.name);
        saved.value = result.value.name;
        return null;
      }),
  };
});
