import { CATEGORIES } from '../../../shared/enums';
import type { AuditFilters } from '../../../shared/schemas/audit';
import type { WatchThresholdColumn } from '../../db/schema';
import { humanize, kindName, subjectName, valueText } from '../../notifications/match/words';
import type { WatchTarget } from './columns';

/*
 * The name a watch gets when its owner gives none: what it watches, in the
 * words of the log ("Conversation “Refund” — status → done", "Settings ·
 * Business rule", "5+ failed sign-ins in 10 min").
 */

const NAME_MAX = 120;

const EVENT_NOUNS: Partial<Record<string, string>> = {
  login: 'sign-ins',
  login_failed: 'failed sign-ins',
  locked_out: 'lock-outs',
  logout: 'sign-outs',
  access_denied: 'refusals',
  create: 'creations',
  delete: 'deletions',
  update: 'changes',
};

/** A subject watch's name: the subject, and the property and value it waits for. */
export function subjectWatchName(target: WatchTarget, label: string): string {
  const subject = subjectName(target.subjectType!, label);
  if (target.property === null) return clip(subject);
  const value = target.value === null ? 'changes' : `→ ${valueText(JSON.parse(target.value))}`;
  return clip(`${subject} — ${target.property} ${value}`);
}

/** A filter's name: its categories, sections, events and properties (what it narrows by), or the whole log. */
export function filterName(filters: AuditFilters): string {
  const parts: string[] = [];
  if (filters.category) parts.push(filters.category.map(kindName).join(' or '));
  if (filters.notCategory) {
    const kept = CATEGORIES.filter((category) => !filters.notCategory!.includes(category));
    parts.push(kept.map(kindName).join(' or ') || 'No category');
  }
  if (filters.section) parts.push(filters.section.map(kindName).join(' or '));
  if (filters.event) parts.push(filters.event.map((event) => kindName(event)).join(' or '));
  if (filters.property) parts.push(filters.property.map((property) => `${property} changes`).join(' or '));
  if (filters.actor) parts.push(`by ${filters.actor.length === 1 ? 'one actor' : `${filters.actor.length} actors`}`);
  if (filters.actorKind) parts.push(filters.actorKind === 'person' ? 'by people' : 'by automations');
  if (filters.q) parts.push(`“${filters.q}”`);
  return clip(parts.join(' · ') || 'The whole log');
}

/** A threshold's name: "5+ failed sign-ins in 10 min", "20+ status changes by one actor in 1 min". */
export function thresholdName(filters: AuditFilters | null, threshold: WatchThresholdColumn, subjectText: string | null): string {
  const noun = thresholdNoun(filters, subjectText);
  const by = threshold.perActor ? ' by one actor' : '';
  return clip(`${threshold.count}+ ${noun}${by} in ${threshold.minutes} min`);
}

function thresholdNoun(filters: AuditFilters | null, subjectText: string | null): string {
  if (subjectText !== null) return `changes to ${subjectText}`;
  const event = filters?.event?.length === 1 ? filters.event[0]! : undefined;
  const property = filters?.property?.length === 1 ? filters.property[0]! : undefined;
  if (property && (event === undefined || event === 'update')) return `${humanize(property)} changes`;
  if (event) return EVENT_NOUNS[event] ?? `${humanize(event)} events`;
  return filters ? `events: ${filterName(filters)}` : 'events';
}

function clip(name: string): string {
  const chars = [...name];
  return chars.length <= NAME_MAX ? name : `${chars.slice(0, NAME_MAX - 1).join('')}…`;
}
