import type { SavedView } from '../../../shared/api-client-responses';

/** A filter's parameters as sorted pairs: the order of parameters (and of a parameter's values) does not change what it matches. */
function pairsOf(filter: string): string[] {
  return [...new URLSearchParams(filter)].map(([key, value]) => `${key}=${value}`).sort();
}

/** Whether two filters in the log's query parameter form match the same rows (same parameters and values, in any order). */
export function sameFilterParams(a: string, b: string): boolean {
  const left = pairsOf(a);
  const right = pairsOf(b);
  return left.length === right.length && left.every((pair, i) => pair === right[i]);
}

/** Whether a page address's filter says anything (the log opens on the default view only when it does not). */
export function hasFilter(filter: string): boolean {
  return new URLSearchParams(filter).size > 0;
}

/** The viewer's default view, if they have one. */
export function defaultViewOf(views: readonly SavedView[]): SavedView | null {
  return views.find((view) => view.default) ?? null;
}

/** The view whose filter (as the viewer applies it) is the page's current one, for marking it in the menu. */
export function currentViewOf(views: readonly SavedView[], filter: string): SavedView | null {
  return views.find((view) => view.readableFilter !== null && sameFilterParams(view.readableFilter, filter)) ?? null;
}

/** Where a view comes from, as the menu says it. */
export function ownershipOf(view: SavedView): string {
  if (!view.mine) return `Shared by ${view.owner.name}`;
  return view.shared ? 'Yours, shared with the workspace' : 'Yours, only you see it';
}

/** What the viewer's role does to a view, or null when nothing. */
export function narrowingOf(view: SavedView): string | null {
  if (view.readableFilter === null) return 'Your role reads none of the event types this view shows.';
  return view.narrowed ? 'Shows only the event types your role reads.' : null;
}
