import { LIST_FIELDS, MAX_VALUES, normalizeFilter, type ListField, type LogFilter } from './log-filter';
import { addDays, endMs, isDay, startMs } from './time';
import { checkActorKind, checkDate, checkFreeText, checkValue } from './values';

/**
 * The search box: `actor:"Ana Ruiz" section:business_rule -event:login
 * after:2026-11-01 before:2026-12-01 refund`. A qualifier is `name:value`,
 * `-name:value` excludes, a value with spaces goes in double quotes (`\"`
 * and `\\` inside), several values repeat the qualifier, every other word
 * is free text. `after:` is inclusive and `before:` exclusive, so
 * `after:2026-11-01 before:2026-12-01` is November. Times without a zone
 * are UTC, as days are.
 */

/** What is wrong with a query, and where: `start`/`end` are offsets into the text (end exclusive). */
export type QueryError = { message: string; start: number; end: number };

type Target = { list: ListField } | { single: 'actorKind' | 'from' | 'to' };
const QUALIFIERS: Record<string, Target> = {
  actor: { list: 'actor' },
  kind: { single: 'actorKind' },
  type: { list: 'category' },
  category: { list: 'category' },
  section: { list: 'section' },
  event: { list: 'event' },
  property: { list: 'property' },
  conversation: { list: 'conversation' },
  customer: { list: 'customer' },
  after: { single: 'from' },
  before: { single: 'to' },
};
/** How `formatQualifiers` names each list field. */
const NAME_OF: Record<ListField, string> = {
  category: 'type',
  actor: 'actor',
  conversation: 'conversation',
  customer: 'customer',
  section: 'section',
  event: 'event',
  property: 'property',
};
const KNOWN = 'actor, kind, type, section, event, property, conversation, customer, after, before';

const QUALIFIER = /(-?)([A-Za-z]+):/y;
const SPACE = /\s/;
const BARE = /^[^\s"\\]+$/;
const LOOKS_QUALIFIED = /^-?[A-Za-z]+:/;
const INSTANT_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

class QueryProblem extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}
function fail(message: string, start: number, end: number): never {
  throw new QueryProblem({ message, start, end });
}

interface Value {
  text: string;
  start: number;
  end: number;
}

/** Reads a quoted or bare value at `at`; `what` names its qualifier in messages (empty for free text). */
function readValue(text: string, at: number, what: string, tokenStart: number): Value {
  if (at >= text.length || SPACE.test(text[at] as string)) fail(`${what} needs a value`, tokenStart, at);
  if (text[at] === '"') return readQuoted(text, at);
  let end = at;
  while (end < text.length && !SPACE.test(text[end] as string)) {
    if (text[end] === '"') fail(what ? `A quote may only open a value: write ${what}"…"` : 'A quote may only open a word: put the whole text in quotes', end, end + 1);
    end += 1;
  }
  return { text: text.slice(at, end), start: at, end };
}

function readQuoted(text: string, open: number): Value {
  let value = '';
  let at = open + 1;
  while (at < text.length && text[at] !== '"') {
    const escaped = text[at] === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\');
    value += escaped ? text[at + 1] : text[at];
    at += escaped ? 2 : 1;
  }
  if (at >= text.length) fail('This quote is never closed', open, text.length);
  const end = at + 1;
  if (end < text.length && !SPACE.test(text[end] as string)) fail('Put a space after the closing quote', end, end + 1);
  return { text: value, start: open, end };
}

/** A date as a qualifier takes it: a time without a zone is UTC. */
function qualifierDate(raw: string): string {
  return INSTANT_WITHOUT_ZONE.test(raw) ? `${raw}Z` : raw;
}

/** The filter a search box's text says, or the first thing wrong with it and where. */
export function parseQualifiers(text: string): { ok: true; filter: LogFilter } | { ok: false; error: QueryError } {
  try {
    return { ok: true, filter: parse(text) };
  } catch (problem) {
    if (problem instanceof QueryProblem) return { ok: false, error: problem.error };
    throw problem;
  }
}

function parse(text: string): LogFilter {
  const filter: LogFilter = { include: {}, exclude: {} };
  const freeText: string[] = [];
  let lastFreeText: Value | undefined;
  let before: Value | undefined;
  let at = 0;
  while (at < text.length) {
    if (SPACE.test(text[at] as string)) {
      at += 1;
      continue;
    }
    const start = at;
    QUALIFIER.lastIndex = at;
    const match = QUALIFIER.exec(text);
    if (match) {
      const [token, minus, written] = match as unknown as [string, string, string];
      const name = written.toLowerCase();
      const target = QUALIFIERS[name];
      if (!target) fail(`Unknown qualifier “${written}:”. Known: ${KNOWN}. Put other text with a colon in quotes`, start, start + token.length);
      const value = readValue(text, start + token.length, `${minus}${written}:`, start);
      at = value.end;
      apply(filter, target, name, minus === '-', value, start);
      if (name === 'before') before = value;
      continue;
    }
    const term = text[at] === '"' ? readQuoted(text, at) : readValue(text, at, '', at);
    if (term.text.trim() === '') fail('Empty quotes: put the text to search for inside', term.start, term.end);
    freeText.push(term.text);
    lastFreeText = term;
    at = term.end;
  }
  if (freeText.length > 0) {
    const q = checkFreeText(freeText.join(' '));
    if (!q.ok) fail(`The free text ${q.message}`, lastFreeText?.start ?? 0, lastFreeText?.end ?? text.length);
    filter.q = freeText.join(' ');
  }
  if (filter.from && filter.to && startMs(filter.from) >= endMs(filter.to) && before) {
    fail('before: must come after after:', before.start, before.end);
  }
  return normalizeFilter(filter);
}

function apply(filter: LogFilter, target: Target, name: string, exclude: boolean, value: Value, tokenStart: number): void {
  const raw = value.text.trim();
  const written = `${exclude ? '-' : ''}${name}:`;
  if (raw === '') fail(`${written} needs a value`, value.start, value.end);
  if ('list' in target) {
    const checked = checkValue(target.list, raw);
    if (!checked.ok) fail(`${written} “${raw}” ${checked.message}`, value.start, value.end);
    const values = (filter[exclude ? 'exclude' : 'include'][target.list] ??= []);
    if (values.includes(checked.value)) return;
    if (values.length >= MAX_VALUES) fail(`At most ${MAX_VALUES} ${written} values`, value.start, value.end);
    values.push(checked.value);
    return;
  }
  if (filter[target.single] !== undefined) fail(`${name}: may be given only once`, value.start, value.end);
  if (target.single === 'actorKind') {
    const kind = checkActorKind(raw);
    if (!kind.ok) fail(`${written} “${raw}” ${kind.message}`, value.start, value.end);
    const chosen = kind.value;
    filter.actorKind = exclude ? (chosen === 'person' ? 'automation' : 'person') : chosen;
    return;
  }
  if (exclude) fail(`${written} cannot exclude: use ${name === 'after' ? 'before:' : 'after:'} instead`, tokenStart, value.end);
  const date = checkDate(qualifierDate(raw));
  if (!date.ok) fail(`${written} “${raw}” ${date.message}`, value.start, value.end);
  const day = date.value;
  if (target.single === 'from') filter.from = day;
  else {
    const to = isDay(day) ? addDays(day, -1) : day;
    if (!checkDate(to).ok) fail(`${written} “${raw}” is too early`, value.start, value.end);
    filter.to = to;
  }
}

/** A value as the search box writes it: bare when it can be, else quoted. */
function quote(value: string): string {
  return BARE.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** The free text as words when they read back the same, else quoted whole. */
function freeTextOf(q: string): string {
  const words = q.split(' ');
  const plain = words.every((word) => BARE.test(word) && !LOOKS_QUALIFIED.test(word));
  return plain ? q : `"${q.replace(/[\\"]/g, '\\$&')}"`;
}

/** The search box's text for a filter; `parseQualifiers` reads it back as the same filter. */
export function formatQualifiers(f: LogFilter): string {
  const filter = normalizeFilter(f);
  const parts: string[] = [];
  if (filter.actorKind) parts.push(`kind:${filter.actorKind}`);
  for (const field of LIST_FIELDS) {
    for (const value of filter.include[field] ?? []) parts.push(`${NAME_OF[field]}:${quote(value)}`);
    for (const value of filter.exclude[field] ?? []) parts.push(`-${NAME_OF[field]}:${quote(value)}`);
  }
  if (filter.from) parts.push(`after:${filter.from}`);
  if (filter.to) parts.push(`before:${isDay(filter.to) ? addDays(filter.to, 1) : filter.to}`);
  if (filter.q !== undefined) parts.push(freeTextOf(filter.q));
  return parts.join(' ');
}
