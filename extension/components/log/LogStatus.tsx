import type { LogModel } from '../../lib/log/log-model';

const number = new Intl.NumberFormat('en');

/**
 * How many rows the filter shows, or why there are none, and the error with
 * its retry. Its own component so that a page of rows arriving re-renders
 * this line and the table, not the filters and the chart around them.
 */
export function LogStatus({ model }: { model: LogModel }) {
  const { rows } = model;
  const status = rows.status.value;
  const error = rows.error.value;
  const count = rows.items.value.length;
  return (
    <>
      <p class="audit-log__status" role="status" data-testid="log-status">
        {status === 'idle' || (status === 'loading' && count === 0)
          ? 'Loading…'
          : status === 'error'
            ? ''
            : count === 0
              ? 'No events match this filter.'
              : `${number.format(count)}${rows.hasMore.value ? '+' : ''} events`}
      </p>
      {error && status === 'error' && (
        <p class="options__error" role="alert" data-testid="log-error">
          {error.message}{' '}
          <button type="button" onClick={() => void rows.retry()}>
            Try again
          </button>
        </p>
      )}
    </>
  );
}
