import { CATEGORIES, type Category } from '../../../shared/enums';

/** A view's filter as one viewer can apply it. */
export interface ReadableFilter {
  /** The viewer's role reads less than the view asks for. */
  narrowed: boolean;
  /** The filter without the categories the viewer may not read; null when the view asks only for such categories. */
  filter: string | null;
}

/**
 * Narrows a view's filter (query parameter form) to the categories a viewer
 * reads. The log refuses a `category` the role may not read, so those values
 * are dropped; a view naming only such categories shows this viewer nothing
 * (null, rather than a filter that would widen to every category they read).
 * Without a `category`, the log itself keeps the viewer to their categories:
 * the filter stays as it is, narrowed when some category it spans (all but
 * those excluded with `notCategory`) is not theirs. Exclusions never widen,
 * so they are kept as they are.
 */
export function readableFilter(filter: string, readable: readonly Category[]): ReadableFilter {
  const params = new URLSearchParams(filter);
  const asked = params.getAll('category');
  if (asked.length === 0) {
    const excluded = new Set(params.getAll('notCategory'));
    const spanned = CATEGORIES.filter((category) => !excluded.has(category));
    return { narrowed: spanned.some((category) => !readable.includes(category)), filter };
  }
  const kept = asked.filter((category) => readable.includes(category as Category));
  if (kept.length === 0) return { narrowed: true, filter: null };
  if (kept.length === asked.length) return { narrowed: false, filter };
  const narrowed = new URLSearchParams();
  let placed = false;
  // The kept categories stay where the first category stood, so the rest of the filter reads as saved.
  for (const [key, value] of params) {
    if (key !== 'category') narrowed.append(key, value);
    else if (!placed) {
      for (const category of kept) narrowed.append('category', category);
      placed = true;
    }
  }
  return { narrowed: true, filter: narrowed.toString() };
}
