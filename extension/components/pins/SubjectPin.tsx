import type { PanelModel } from '../../lib/panel/panel-model';
import './pins.css';

/**
 * "Watch this conversation" under the panel's title; once watched, says so,
 * offers Stop watching, and says where all the person's watches are (the
 * toolbar popup, with pause and delete).
 */
export function SubjectPin({ model }: { model: PanelModel }) {
  const subject = model.subject.value;
  if (!subject || !model.mayWatch.value) return null;
  const { pins } = model;
  const watch = pins.subjectWatch.value;
  const error = pins.error.value;
  const noun = subject.type === 'customer' ? 'customer' : 'conversation';
  return (
    <div class="pin-row" data-testid="subject-pin">
      {watch ? (
        <>
          <p class="pin-watched" data-testid="subject-watched" title={watch.name}>
            <span aria-hidden="true">★</span> Watching this {noun}; your watches are in the toolbar popup.
          </p>
          <button type="button" class="link" data-testid="unwatch-subject" disabled={pins.busy.value !== null} onClick={() => void pins.stop(watch, 'subject')}>
            Stop watching
          </button>
        </>
      ) : (
        <button
          type="button"
          class="secondary pin-button"
          data-testid="watch-subject"
          disabled={pins.busy.value !== null}
          onClick={() => void pins.watchSubject()}
        >
          {pins.busy.value === null ? `Watch this ${noun}` : 'Watching…'}
        </button>
      )}
      {error?.place === 'subject' && (
        <p role="alert" class="pin-error" data-testid="pin-error">
          {error.message}
        </p>
      )}
      <p class="sr-only" aria-live="polite">
        {pins.notice.value}
      </p>
    </div>
  );
}
