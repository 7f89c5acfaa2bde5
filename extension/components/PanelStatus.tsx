import type { PanelModel } from '../lib/panel/panel-model';

/** Loading, empty, failed, signed out or offline: what the timeline area says instead of rows. */
export function PanelStatus({ model }: { model: PanelModel }) {
  const { status, error, items, filters } = model.history;
  switch (status.value) {
    case 'idle':
    case 'loading':
      return (
        <p class="state" data-testid="panel-loading" role="status">
          Loading the history…
        </p>
      );
    case 'signed_out':
      return (
        <div class="state" data-testid="panel-signed-out">
          <p>You are signed out of Auditdesk. Sign in from the Auditdesk button in the browser toolbar to see the history.</p>
          <button type="button" class="secondary" onClick={model.retry}>
            I have signed in
          </button>
        </div>
      );
    case 'offline':
      return (
        <div class="state" data-testid="panel-offline">
          <p>The Auditdesk server cannot be reached. Check your connection; the history will load when it is back.</p>
          <button type="button" class="secondary" onClick={model.retry}>
            Try again
          </button>
        </div>
      );
    case 'error':
      return (
        <div class="state" data-testid="panel-error" role="alert">
          <p>The history could not be loaded: {error.value}</p>
          <button type="button" class="secondary" onClick={model.retry}>
            Retry
          </button>
        </div>
      );
    case 'ready':
      if (items.value.length > 0) return null;
      return (
        <p class="state" data-testid="panel-empty">
          {Object.keys(filters.value).length > 0 ? 'No changes match these filters.' : 'No changes recorded yet.'}
        </p>
      );
  }
}
