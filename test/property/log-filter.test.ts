import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, EVENTS, SECTIONS } from '../../shared/enums';
import { bucketCount, bucketFor, CHART_BARS, type Bucket } from '../../extension/lib/log/filter/bucket';
import { LIST_FIELDS, type ListField, type LogFilter } from '../../extension/lib/log/filter/log-filter';
import { FILTER_PARAMS, filterOfParams, paramsOf } from '../../extension/lib/log/filter/params';
import { formatQualifiers, parseQualifiers } from '../../extension/lib/log/filter/qualifiers';
import { EVENT_TYPES, SETTINGS_SECTIONS, filterOfForm, formErrors, formOfFilter, type FilterForm } from '../../extension/lib/log/filter/seed-form';
import { endMs, startMs } from '../../extension/lib/log/filter/time';
import { windowOf } from '../../extension/lib/log/filter/virtual-window';
import { text } from './arbitraries';
import { PROPERTY_TIMEOUT_MS, runs } from './runs';

/**
 * The audit page's filter travels between the form, the search box, the
 * URL and the API: every valid filter survives each trip unchanged.
 */

const id = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const VALUES: Record<ListField, fc.Arbitrary<string>> = {
  category: fc.constantFrom(...CATEGORIES),
  actor: text(200),
  conversation: id,
  customer: text(200),
  section: fc.constantFrom(...SECTIONS),
  event: fc.constantFrom(...EVENTS),
  property: text(200),
};
const lists = fc.record(
  Object.fromEntries(LIST_FIELDS.map((field) => [field, fc.uniqueArray(VALUES[field], { minLength: 1, maxLength: 4 })])) as Record<ListField, fc.Arbitrary<string[]>>,
  { requiredKeys: [] },
);

const YEAR_2000 = Date.UTC(2000, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);
/** A day, an instant in UTC, or an instant with an offset. */
const date = fc.tuple(fc.integer({ min: YEAR_2000, max: YEAR_2100 }), fc.constantFrom('day', 'utc', 'offset')).map(([ms, shape]) => {
  const iso = new Date(ms).toISOString();
  if (shape === 'day') return iso.slice(0, 10);
  if (shape === 'utc') return iso;
  return `${iso.slice(0, 16)}+05:30`;
});

const filter: fc.Arbitrary<LogFilter> = fc
  .record(
    {
      include: lists,
      exclude: lists,
      actorKind: fc.constantFrom('person' as const, 'automation' as const),
      from: date,
      to: date,
      q: text(500),
    },
    { requiredKeys: ['include', 'exclude'] },
  )
  .filter((f) => !(f.from && f.to) || startMs(f.from) < endMs(f.to));

const form: fc.Arbitrary<FilterForm> = fc
  .record({
    eventType: fc.constantFrom(...EVENT_TYPES.map((type) => type.id)),
    user: fc.option(text(200), { nil: '' }),
    conversation: id,
    customer: text(200),
    section: fc.constantFrom(...SETTINGS_SECTIONS.map((area) => area.id)),
    from: fc.option(date, { nil: '' }),
    to: fc.option(date, { nil: '' }),
  })
  .map((drawn): FilterForm => {
    const shown = new Set(EVENT_TYPES.find((type) => type.id === drawn.eventType)?.fields.map((field) => field.name));
    const userRequired = EVENT_TYPES.find((type) => type.id === drawn.eventType)?.fields.some((field) => field.name === 'user' && field.required);
    return {
      eventType: drawn.eventType,
      user: userRequired && drawn.user === '' ? 'Ana Ruiz' : drawn.user,
      conversation: shown.has('conversation') ? drawn.conversation : '',
      customer: shown.has('customer') ? drawn.customer : '',
      section: shown.has('section') ? drawn.section : '',
      from: drawn.from,
      to: drawn.to,
    };
  })
  .filter((f) => f.from === '' || f.to === '' || startMs(f.from) < endMs(f.to));

describe('the audit page’s filter', () => {
  it(
    'reads back from its search-box text as the same filter',
    () => {
      fc.assert(
        fc.property(filter, (f) => {
          const text = formatQualifiers(f);
          const read = parseQualifiers(text);
          expect(read, text).toEqual({ ok: true, filter: f });
        }),
        runs(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'reads back from its URL parameters as the same filter, with nothing to complain about',
    () => {
      fc.assert(
        fc.property(filter, (f) => {
          expect(filterOfParams(new URLSearchParams(paramsOf(f).toString()))).toEqual({ filter: f, problems: [] });
        }),
        runs(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a valid filled form shows again exactly after Apply, through the search box and the URL',
    () => {
      fc.assert(
        fc.property(form, (filled) => {
          expect(formErrors(filled)).toEqual({});
          const applied = filterOfForm(filled);
          const read = parseQualifiers(formatQualifiers(applied));
          if (!read.ok) throw new Error(read.error.message);
          const url = filterOfParams(new URLSearchParams(paramsOf(read.filter).toString()));
          expect(formOfFilter(url.filter)).toEqual({ form: filled, exact: true });
        }),
        runs(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throws on any text typed into the search box: what it reads it writes back the same, an error marks a place inside the text',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), filter.map(formatQualifiers).chain((s) => fc.nat(s.length).map((cut) => s.slice(0, cut)))), (typed) => {
          const read = parseQualifiers(typed);
          if (read.ok) {
            expect(parseQualifiers(formatQualifiers(read.filter))).toEqual(read);
            return;
          }
          expect(read.error.start).toBeGreaterThanOrEqual(0);
          expect(read.error.end).toBeLessThanOrEqual(typed.length);
          expect(read.error.start).toBeLessThanOrEqual(read.error.end);
          expect(read.error.message).not.toBe('');
        }),
        runs(500),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('a link to the page', () => {
  it(
    'opens with whatever of its filter is usable, never throwing, and every value it keeps is valid',
    () => {
      const name = fc.oneof(fc.constantFrom(...FILTER_PARAMS), fc.string({ maxLength: 12 }));
      const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), date, fc.constantFrom(...CATEGORIES, ...SECTIONS, ...EVENTS, 'person', 'automation'));
      fc.assert(
        fc.property(fc.array(fc.tuple(name, value), { maxLength: 30 }), (pairs) => {
          const { filter: read } = filterOfParams(new URLSearchParams(pairs));
          const again = filterOfParams(paramsOf(read));
          expect(again).toEqual({ filter: read, problems: [] });
        }),
        runs(300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the virtual list’s window', () => {
  it(
    'covers every row in view, and renders no more than the view and the overscan',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 200_000 }),
          fc.integer({ min: 1, max: 80 }),
          fc.integer({ min: 0, max: 2_000 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: -100, max: 20_000_000 }),
          (count, rowHeight, viewportHeight, overscan, scrollTop) => {
            const w = windowOf({ count, rowHeight, viewportHeight, overscan, scrollTop });
            expect(w.totalHeight).toBe(count * rowHeight);
            expect(0 <= w.start && w.start <= w.end && w.end <= count).toBe(true);
            expect(w.offsetTop).toBe(w.start * rowHeight);
            const top = Math.min(Math.max(0, scrollTop), Math.max(0, w.totalHeight - viewportHeight));
            const firstInView = Math.floor(top / rowHeight);
            const lastInView = Math.min(count, Math.ceil((top + viewportHeight) / rowHeight));
            if (count > 0) expect(w.start <= firstInView && w.end >= lastInView).toBe(true);
            expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(viewportHeight / rowHeight) + 1 + 2 * overscan);
          },
        ),
        runs(1_000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the chart’s bucket', () => {
  const FINER: Record<Bucket, Bucket | null> = { minute: null, hour: 'minute', day: 'hour' };
  it(
    'is the finest that shows the range in at most CHART_BARS bars',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: YEAR_2000, max: YEAR_2100 }), fc.integer({ min: 1, max: 20 * 365 * 86_400_000 }), (from, span) => {
          const bucket = bucketFor(from, from + span);
          if (bucket !== 'day') expect(bucketCount(from, from + span, bucket)).toBeLessThanOrEqual(CHART_BARS);
          const finer = FINER[bucket];
          if (finer) expect(bucketCount(from, from + span, finer)).toBeGreaterThan(CHART_BARS);
        }),
        runs(1_000),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
