/** The part of a document that says whether the page is being looked at. */
export type VisiblePage = Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;

/** How often the integrations' health is asked again while the page is visible. */
export const REFRESH_MS = 5_000;

/**
 * Calls `refresh` every `everyMs` while the page is visible, and at once
 * when it becomes visible again; a hidden tab asks the backend nothing. A
 * refresh still running when the next is due is not doubled. Answers the
 * cleanup.
 */
export function refreshWhileVisible(page: VisiblePage, refresh: () => Promise<void>, everyMs = REFRESH_MS): () => void {
  let running = false;
  const tick = () => {
    if (page.hidden || running) return;
    running = true;
    void refresh().finally(() => (running = false));
  };
  const timer = setInterval(tick, everyMs);
  const onVisibility = () => {
    if (!page.hidden) tick();
  };
  page.addEventListener('visibilitychange', onVisibility);
  return () => {
    clearInterval(timer);
    page.removeEventListener('visibilitychange', onVisibility);
  };
}
