import type { StreamDestination } from '../../../shared/api-client';
import type { Category } from '../../../shared/enums';
import { humanize } from '../panel/format';
import { CATEGORY_LABELS } from './retention-form';
import { utcMinute } from './utc-time';

/*
 * A stream destination in words: where it sends, what it sends, and how its
 * delivery is going, so an admin reads the health without knowing how the
 * worker keeps its position.
 */

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

/** A span of time as a short phrase: "40 s", "3 min", "5 h", "3 days". */
export function shortSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  // Each unit is rounded before it is chosen, so 59 min 40 s reads "1 h", never "60 min".
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(s / 3_600);
  if (hours < 24) return `${hours} h`;
  return plural(Math.round(s / 86_400), 'day');
}

/** How long before `now` an instant was: "just now", "2 min ago", "3 days ago". */
export function agoPhrase(iso: string, now: number): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  return seconds < 5 ? 'just now' : `${shortSpan(seconds)} ago`;
}

/** An instant as a time of day when it is on `now`'s UTC day ("10:14 UTC"), else with its date. */
export function clockTime(iso: string, now: number): string {
  const full = utcMinute(iso);
  return full.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? full.slice(11) : full;
}

/** "1,204 events (3 min) behind", "at least 10,000 events (2 days) behind", or "1 event behind" while it is too fresh to have an age. */
function behind(health: StreamDestination['health'], word: string): string {
  const age = health.lagSeconds >= 1 ? ` (${shortSpan(health.lagSeconds)})` : '';
  const atLeast = health.lagEventsCapped ? 'at least ' : '';
  return `${atLeast}${plural(health.lagEvents, 'event')}${age} ${word}`;
}

function lastSuccess(health: StreamDestination['health'], now: number): string {
  return health.lastSuccessAt ? `last success ${agoPhrase(health.lastSuccessAt, now)}` : 'nothing delivered yet';
}

/**
 * The health line of a destination:
 * - "Caught up · 12,340 delivered · last success 2 min ago";
 * - "Delivering · 1,204 events (3 min) behind · 12,340 delivered · last success just now";
 * - "Retrying: HTTP 503 since 10:14 UTC · next try in 40 s · 1,204 events (3 min) behind";
 * - "Paused after failing for 3 days: connection refused · 1,204 events (3 min) waiting".
 */
export function healthSummary(destination: StreamDestination, now: number): string {
  const { health } = destination;
  const delivered = `${number(health.deliveredCount)} delivered`;
  switch (health.state) {
    case 'caught_up':
      return ['Caught up', delivered, lastSuccess(health, now)].join(' · ');
    case 'delivering':
      return ['Delivering', behind(health, 'behind'), delivered, lastSuccess(health, now)].join(' · ');
    case 'retrying': {
      const error = health.lastError ?? 'the last attempt failed';
      const since = health.failingSince ? ` since ${clockTime(health.failingSince, now)}` : '';
      const next = health.nextAttemptAt ? nextTry(health.nextAttemptAt, now) : null;
      return [`Retrying: ${error}${since}`, next, behind(health, 'behind')].filter(Boolean).join(' · ');
    }
    case 'paused': {
      // The backend says why: "Paused by Ada Admin", or after how long failing and the last error.
      const reason = (destination.pausedReason ?? 'Paused').replace(/\.$/, '');
      return health.lagEvents > 0 ? `${reason} · ${behind(health, 'waiting')}` : reason;
    }
  }
}

function nextTry(iso: string, now: number): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  return seconds < 1 ? 'trying again now' : `next try in ${shortSpan(seconds)}`;
}

/** Whether the health line is bad news (shown as a warning). */
export function healthIsTrouble(destination: StreamDestination): boolean {
  return destination.health.state === 'retrying' || (destination.health.state === 'paused' && destination.health.failingSince !== null);
}

const MIB = 1_048_576;

/** A size as an admin types it: "100 MB", "512 KB", "1.5 GB". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * MIB) return `${+(bytes / (1024 * MIB)).toFixed(2)} GB`;
  if (bytes >= MIB) return `${+(bytes / MIB).toFixed(2)} MB`;
  return `${+(bytes / 1024).toFixed(2)} KB`;
}

/** Minutes as a phrase: "1 day", "6 hours", "90 minutes". */
export function minutesWords(minutes: number): string {
  if (minutes % 1_440 === 0) return plural(minutes / 1_440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** Where a destination sends: its URL, or its folder with when files are rotated. */
export function targetSummary(destination: StreamDestination): string {
  if (destination.kind === 'webhook') return destination.url ?? '';
  const rotation = [
    destination.rotateBytes === null ? null : `at ${sizeWords(destination.rotateBytes)}`,
    destination.rotateMinutes === null ? null : `every ${minutesWords(destination.rotateMinutes)}`,
  ].filter(Boolean);
  const folder = `folder ${destination.directory ?? ''}`;
  return rotation.length ? `${folder}, a new file ${rotation.join(' or ')}` : folder;
}

/** The kind as the page names it. */
export function kindLabel(kind: StreamDestination['kind']): string {
  return kind === 'webhook' ? 'HTTPS webhook' : 'JSON Lines file';
}

const ACTOR_KIND_WORDS: Record<string, string> = { person: 'people only', automation: 'automations only' };

const FILTER_WORDS: Record<string, string> = {
  actor: 'by',
  conversation: 'conversation',
  customer: 'customer',
  section: 'sections',
  event: 'events',
  property: 'properties',
  change: 'change',
  q: 'text',
};

const valuesOf = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function valueWords(name: string, values: string[]): string {
  if (name === 'category') return values.map((value) => CATEGORY_LABELS[value as Category] ?? value).join(', ');
  if (name === 'section' || name === 'event') return values.map(humanize).join(', ');
  return values.join(', ');
}

/**
 * What a destination receives, in one line: "Every event", or its filter
 * ("Settings, Authorization · events: Update · people only · except sections: Access").
 */
export function filterSummary(filter: StreamDestination['filter']): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(filter)) {
    const values = valuesOf(value);
    if (values.length === 0) continue;
    if (name === 'actorKind') {
      parts.push(ACTOR_KIND_WORDS[values[0]!] ?? values[0]!);
      continue;
    }
    const excluded = /^not[A-Z]/.test(name);
    const base = excluded ? `${name[3]!.toLowerCase()}${name.slice(4)}` : name;
    const words = valueWords(base, values);
    if (base === 'category') parts.push(excluded ? `except ${words}` : words);
    else parts.push(`${excluded ? 'except ' : ''}${FILTER_WORDS[base] ?? base}: ${words}`);
  }
  return parts.length ? parts.join(' · ') : 'Every event';
}
