/**
 * Which rows of a long list of fixed-height rows to render: those in the
 * viewport plus `overscan` on either side. Everything is arithmetic on the
 * row height, so a list of 100,000 rows renders a few dozen.
 */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan: number;
}

export interface ListWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Where the first rendered row sits from the top of the list. */
  offsetTop: number;
  /** The height of the whole list. */
  totalHeight: number;
}

/** Rows [start, end) to render. A scroll position past the end (the list just shrank) shows the last rows. */
export function windowOf(o: WindowInput): ListWindow {
  const rowHeight = Math.max(1, o.rowHeight);
  const count = Math.max(0, Math.floor(o.count));
  const viewportHeight = Math.max(0, o.viewportHeight);
  const overscan = Math.max(0, Math.floor(o.overscan));
  const totalHeight = count * rowHeight;
  const scrollTop = Math.min(Math.max(0, o.scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight) / rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, last + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/**
 * The scroll position that shows row `index` whole while moving as little
 * as possible: unchanged when it is already in view.
 */
export function scrollToReveal(o: { index: number; scrollTop: number; viewportHeight: number; rowHeight: number }): number {
  const top = o.index * o.rowHeight;
  const bottom = top + o.rowHeight;
  if (top < o.scrollTop) return top;
  if (bottom > o.scrollTop + o.viewportHeight) return Math.max(0, bottom - o.viewportHeight);
  return o.scrollTop;
}
