/** The open panel's width in px (panel.css `.panel`): the room kept free for it at the page's right edge. */
export const PANEL_WIDTH_PX = 420;
/** From this viewport width the page keeps at least ~580 px beside the panel: below it, the panel lies over the page. */
export const PUSH_MIN_WIDTH_PX = 1000;

/**
 * Whether the panel is open, as something to watch: a signal has this shape;
 * the content script, which has a size budget, keeps a plain one (no Preact).
 */
export interface OpenFlag {
  peek(): boolean;
  /** Calls `listener` now and on each change; returns the unsubscribe. */
  subscribe(listener: (open: boolean) => void): () => void;
}

/** The parts of the page's window that pushing touches (passed in, so tests can stand in for matchMedia). */
export interface PushTarget {
  document: Document;
  matchMedia(query: string): Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
}

/**
 * While the panel is open on a wide enough window, reserves the panel's width
 * on the right of the workspace (a right margin on the page's root element),
 * so the page reflows beside the history instead of lying under it. The
 * page's own inline margin-right is put back when the panel closes, the
 * window narrows, or the returned cleanup runs.
 */
export function pushPageWhileOpen(target: PushTarget, open: OpenFlag): () => void {
  const root = target.document.documentElement;
  const wide = target.matchMedia(`(min-width: ${PUSH_MIN_WIDTH_PX}px)`);
  /** The page's own inline margin-right while ours is set, null while the page is not pushed. */
  let saved: { value: string; priority: string } | null = null;

  const release = () => {
    if (!saved) return;
    if (saved.value) root.style.setProperty('margin-right', saved.value, saved.priority);
    else root.style.removeProperty('margin-right');
    saved = null;
  };
  const update = () => {
    if (!open.peek() || !wide.matches) return release();
    if (saved) return;
    saved = { value: root.style.getPropertyValue('margin-right'), priority: root.style.getPropertyPriority('margin-right') };
    root.style.setProperty('margin-right', `${PANEL_WIDTH_PX}px`);
  };

  const stop = open.subscribe(update);
  wide.addEventListener('change', update);
  return () => {
    stop();
    wide.removeEventListener('change', update);
    release();
  };
}
