import { batch, signal } from '@preact/signals';

/** A secret just made (a new one, or a rotation's), and what it belongs to. */
export interface RevealedSecret {
  ownerId: string;
  name: string;
  secret: string;
  /** `rotated`: the previous secret already stopped working. */
  made: 'created' | 'rotated';
}

/**
 * A secret shown once: kept in a signal until dismissed, never stored
 * anywhere else, with Copy. `copy` writes the clipboard; `copyFailed` is told
 * when it could not.
 */
export function secretOnce(copy: (text: string) => Promise<void>, copyFailed: (message: string) => void) {
  const revealed = signal<RevealedSecret | null>(null);
  const copied = signal(false);
  return {
    revealed,
    copied,
    show(secret: RevealedSecret) {
      batch(() => {
        revealed.value = secret;
        copied.value = false;
      });
    },
    async copy() {
      const shown = revealed.value;
      if (!shown) return;
      try {
        await copy(shown.secret);
        copied.value = true;
      } catch {
        copyFailed('The secret could not be copied; select it and copy it by hand.');
      }
    },
    /** Hides the secret for good: the backend shows it only once. */
    dismiss() {
      batch(() => {
        revealed.value = null;
        copied.value = false;
      });
    },
    /** Hides the secret of `ownerId`, deleted or revoked. */
    forget(ownerId: string) {
      if (revealed.value?.ownerId === ownerId) revealed.value = null;
    },
  };
}
