import { useEffect, useRef } from 'preact/hooks';
import type { PanelModel } from '../lib/panel/panel-model';

/**
 * Older pages: loaded when this comes into view (infinite scroll), or by
 * clicking it where IntersectionObserver is missing or for keyboard users.
 */
export function LoadMore({ model }: { model: PanelModel }) {
  const { nextCursor, loadingMore, moreError, items } = model.history;
  const button = useRef<HTMLButtonElement>(null);
  const count = items.value.length;
  const hasMore = nextCursor.value !== null;

  // Observing again after each page makes a sentinel still in view load the next one.
  useEffect(() => {
    const target = button.current;
    if (!target || !hasMore || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void model.history.loadMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [model, hasMore, count]);

  if (!hasMore) return <p class="end">{count > 0 ? 'The beginning of the history' : ''}</p>;
  return (
    <div class="load-more">
      {moreError.value && <p role="alert">{moreError.value}</p>}
      <button ref={button} type="button" class="secondary" data-testid="load-more" disabled={loadingMore.value} onClick={() => void model.history.loadMore()}>
        {loadingMore.value ? 'Loading older changes…' : 'Load older changes'}
      </button>
    </div>
  );
}
