import type { AuditEvent } from '../../../shared/audit-event';
import type { NamedObject } from '../../../shared/schemas/names';
import { clipboardText, humanize, propertyLabel, relativeTime } from '../panel/format';
import { describeValue, referencedIds } from '../panel/names';

type Names = Readonly<Record<string, NamedObject>>;

/** What a log row shows, and the sentence a screen reader says for it. */
export interface RowText {
  when: string;
  event: string;
  section: string;
  property: string;
  before: string;
  after: string;
  label: string;
}

/** What hovering a row's date, Before and After shows: the exact time and the whole values. */
export interface RowTitles {
  date: string;
  before: string;
  after: string;
}

interface Cached {
  now: number;
  names: Names;
  text: RowText;
}

/**
 * Rows scroll in and out of view many times; each event's text is worked
 * out once and kept until the clock ticks or new names arrive (both change
 * what it says), so a row coming back into view costs no formatting.
 */
const cache = new WeakMap<AuditEvent, Cached>();

export function rowText(event: AuditEvent, now: number, names: Names): RowText {
  const cached = cache.get(event);
  if (cached && cached.now === now && !namesChangeRow(event, cached.names, names)) {
    cached.names = names;
    return cached.text;
  }
  const text = formatRow(event, now, names);
  cache.set(event, { now, names, text });
  return text;
}

const idsCache = new WeakMap<AuditEvent, readonly string[]>();

/**
 * Whether going from the names `was` to `next` changes what the event's row
 * says: the names arrive after each page, and most rows name none of them.
 */
export function namesChangeRow(event: AuditEvent, was: Names, next: Names): boolean {
  if (was === next) return false;
  let ids = idsCache.get(event);
  if (!ids) {
    ids = referencedIds([event]);
    idsCache.set(event, ids);
  }
  return ids.some((id) => was[id] !== next[id]);
}

const titleCache = new WeakMap<AuditEvent, RowTitles>();

/** Depends on the event alone, so worked out once per event. */
export function rowTitles(event: AuditEvent): RowTitles {
  let titles = titleCache.get(event);
  if (!titles) {
    titles = { date: new Date(event.occurredAt).toUTCString(), before: clipboardText(event.before), after: clipboardText(event.after) };
    titleCache.set(event, titles);
  }
  return titles;
}

function formatRow(event: AuditEvent, now: number, names: Names): RowText {
  const when = relativeTime(event.occurredAt, now);
  const what = humanize(event.event);
  const section = humanize(event.section);
  const property = event.property ? propertyLabel(event.property) : '';
  const before = describeValue(event.before, names);
  const after = describeValue(event.after, names);
  const values = event.before != null || event.after != null ? `, from ${before} to ${after}` : '';
  const kind = event.actor.type === 'user' ? '' : ` (${humanize(event.actor.type)})`;
  const label = `${event.actor.name}${kind}, ${when}: ${what}, ${section}${property ? `, ${property}` : ''}${values}`;
  return { when, event: what, section, property: property || '—', before, after, label };
}
