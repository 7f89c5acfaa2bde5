/** A secret just made, and what it belongs to. */
export interface ShownSecret {
  name: string;
  secret: string;
  /** `rotated`: the previous secret already stopped working. */
  made: 'created' | 'rotated';
}

interface Props {
  shown: ShownSecret | null;
  copied: boolean;
  onCopy(): void;
  onDone(): void;
  /** Where the secret goes, ending the sentence "It is shown only now: …". */
  use: string;
  /** The prefix of the panel's test ids: `key` gives key-secret-panel, key-secret, key-copy, key-secret-done. */
  testIdPrefix: string;
}

/** A new secret, shown this once with Copy; dismissing it hides it for good. */
export function SecretReveal({ shown, copied, onCopy, onDone, use, testIdPrefix: prefix }: Props) {
  if (!shown) return null;
  return (
    <div class="settings__secret" role="region" aria-label={`Secret of ${shown.name}`} data-testid={`${prefix}-secret-panel`}>
      <p>
        {shown.made === 'created' ? `The secret of “${shown.name}”.` : `The new secret of “${shown.name}”; the previous one no longer works.`} It
        is shown only now: {use}.
      </p>
      <code class="settings__secret-value" data-testid={`${prefix}-secret`}>
        {shown.secret}
      </code>
      <div class="settings__actions">
        <button type="button" data-testid={`${prefix}-copy`} onClick={onCopy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" data-testid={`${prefix}-secret-done`} onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
