import type { Category } from '../../../shared/enums';
import { normalizeFilter, type LogFilter } from '../log/filter/log-filter';
import { paramsOf } from '../log/filter/params';

/** The largest and smallest thresholds the backend takes. */
export const THRESHOLD_COUNT = { min: 2, max: 10_000 } as const;
export const THRESHOLD_MINUTES = { min: 1, max: 1_440 } as const;

/**
 * The filter a watch keeps, from the page's filter: its event types replaced
 * by those chosen (none chosen: every type the role reads), its dates left
 * out, since a watch looks at the events still to come.
 */
export function watchFilterOf(filter: LogFilter, categories: readonly Category[]): string {
  const include = { ...filter.include, category: [...categories] };
  return paramsOf(normalizeFilter({ ...filter, include, from: undefined, to: undefined })).toString();
}

/** The page filter's event types that the role does not read (a link may name them; the form does not offer them). */
export function unreadableCategories(filter: LogFilter, readable: readonly Category[]): string[] {
  return (filter.include.category ?? []).filter((category) => !(readable as readonly string[]).includes(category));
}

/** The page filter's event types that the role reads: what the watch form starts with. */
export function readableCategories(filter: LogFilter, readable: readonly Category[]): Category[] {
  return readable.filter((category) => filter.include.category?.includes(category));
}

/** A whole number typed in a field, within bounds; null for anything else. */
export function wholeNumberIn(text: string, bounds: { min: number; max: number }): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= bounds.min && value <= bounds.max ? value : null;
}
