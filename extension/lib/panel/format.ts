import type { ActorType } from '../../../shared/enums';

const ACTOR_LABELS: Record<ActorType, string> = {
  user: 'Person',
  workflow: 'Workflow',
  business_rule: 'Business rule',
  queue_router: 'Queue router',
  api: 'API',
  system: 'System',
};

/** The kind of actor as the panel names it: a person, or which automation. */
export function actorLabel(type: ActorType): string {
  return ACTOR_LABELS[type];
}

/** `sla_breach` → `Sla breach`: enum words as a heading reads them. */
export function humanize(word: string): string {
  const spaced = word.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Custom attributes are properties named `custom.<attribute>`. */
const CUSTOM_PREFIX = 'custom.';

/**
 * How the panel labels a property (and a key of an object value):
 * `assignedUsers` → `Assigned users`; a custom attribute by its own name
 * and marked as custom, `custom.messageCount` → `Message count (custom)`.
 */
export function propertyLabel(property: string): string {
  if (!property.startsWith(CUSTOM_PREFIX) || property.length === CUSTOM_PREFIX.length) return humanize(property);
  return `${humanize(property.slice(CUSTOM_PREFIX.length))} (custom)`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday": how long before `now` an instant was. */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), 'minute');
}

/** A Before/After value as one line of text; empty values show as an em dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** What "Copy" puts on the clipboard: text as it is, anything else as indented JSON. */
export function clipboardText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null, null, 2);
}
