import type { LogModel } from '../../lib/log/log-model';

const STATUS: Record<string, string> = { connecting: 'connecting…', live: 'live', offline: 'offline, retrying', signed_out: 'signed out' };

/** The live tail's toggle, its state, and "N new events" to go back up to them. */
export function LiveTail({ model }: { model: LogModel }) {
  const { on, status, unseen } = model.tail;
  return (
    <div class="live-tail">
      <label>
        <input type="checkbox" data-testid="live-tail" checked={on.value} onChange={(event) => model.setTail(event.currentTarget.checked)} /> Live tail
      </label>
      {on.value && status.value && (
        <span class="options__hint" data-testid="live-status" aria-live="polite">
          {STATUS[status.value]}
        </span>
      )}
      {unseen.value > 0 && (
        <button type="button" data-testid="live-new" aria-live="polite" onClick={() => model.showNewest()}>
          {unseen.value} new {unseen.value === 1 ? 'event' : 'events'}
        </button>
      )}
    </div>
  );
}
