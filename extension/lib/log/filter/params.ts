import { LIST_FIELDS, MAX_VALUES, normalizeFilter, type ListField, type LogFilter } from './log-filter';
import { checkActorKind, checkDate, checkFreeText, checkValue, type Checked } from './values';

/**
 * One parameter format for the API's query and the page's URL: the API's
 * names, a value repeated for several values (`event=update&event=create`),
 * `not…` for an exclusion (`notEvent=login`). A link to the page and the
 * request behind it say the same thing in the same words.
 */

const NOT_NAME = Object.fromEntries(LIST_FIELDS.map((field) => [field, `not${field[0]?.toUpperCase()}${field.slice(1)}`])) as Record<ListField, string>;
const SINGLE = ['actorKind', 'from', 'to', 'q'] as const;

/** The parameter that excludes a field's values: `notActor` for `actor`. */
export const excludeParam = (field: ListField): string => NOT_NAME[field];

/** Every parameter name the filter uses. */
export const FILTER_PARAMS: readonly string[] = [...LIST_FIELDS, ...LIST_FIELDS.map(excludeParam), ...SINGLE];

/** The filter as query parameters, in a fixed order. */
export function paramsOf(f: LogFilter): URLSearchParams {
  const filter = normalizeFilter(f);
  const params = new URLSearchParams();
  for (const field of LIST_FIELDS) for (const value of filter.include[field] ?? []) params.append(field, value);
  for (const field of LIST_FIELDS) for (const value of filter.exclude[field] ?? []) params.append(excludeParam(field), value);
  for (const name of SINGLE) {
    const value = filter[name];
    if (value !== undefined) params.set(name, value);
  }
  return params;
}

type Single = (typeof SINGLE)[number];
const CHECK_SINGLE: Record<Single, (raw: string) => Checked<string>> = { actorKind: checkActorKind, from: checkDate, to: checkDate, q: checkFreeText };
const LIST_OF_PARAM = new Map<string, { field: ListField; side: 'include' | 'exclude' }>(
  LIST_FIELDS.flatMap((field) => [
    [field, { field, side: 'include' as const }],
    [excludeParam(field), { field, side: 'exclude' as const }],
  ]),
);

/**
 * The filter a URL's (or a saved view's) parameters say. Whatever cannot be
 * used is left out and named in `problems`, so a mangled link still opens
 * the page with the rest of its filter. `otherParams` are the page's own
 * parameters, passed over in silence.
 */
export function filterOfParams(p: URLSearchParams, options: { otherParams?: readonly string[] } = {}): { filter: LogFilter; problems: string[] } {
  const filter: LogFilter = { include: {}, exclude: {} };
  const problems: string[] = [];
  const other = new Set(options.otherParams ?? []);
  for (const [name, raw] of p) {
    const list = LIST_OF_PARAM.get(name);
    if (list) {
      const checked = checkValue(list.field, raw);
      if (!checked.ok) {
        problems.push(`${name} “${raw}” ${checked.message}: left out`);
        continue;
      }
      const values = (filter[list.side][list.field] ??= []);
      if (values.includes(checked.value)) continue;
      if (values.length >= MAX_VALUES) problems.push(`${name} “${raw}”: at most ${MAX_VALUES} values, left out`);
      else values.push(checked.value);
    } else if ((SINGLE as readonly string[]).includes(name)) {
      const single = name as Single;
      const checked = CHECK_SINGLE[single](raw);
      if (!checked.ok) problems.push(`${name} “${raw}” ${checked.message}: left out`);
      else if (filter[single] !== undefined) problems.push(`${name} given more than once: the first kept`);
      else Object.assign(filter, { [single]: checked.value });
    } else if (!other.has(name)) {
      problems.push(`unknown parameter “${name}”: left out`);
    }
  }
  return { filter: normalizeFilter(filter), problems };
}
