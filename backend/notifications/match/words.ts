import { ID_PATTERN } from '../../../shared/schemas/common';
import type { NotificationLink } from '../../db/schema';
import type { WrittenEvent } from './event';

/*
 * What a notification says and where it leads. Titles name what is watched
 * and how much happened; bodies describe the latest event the way the log
 * reads it: who, what, which property, before → after.
 */

const VALUE_CHARS = 40;

/** `business_rule` → `business rule`. */
export function humanize(word: string): string {
  return word.replaceAll('_', ' ').replaceAll('.', ' ');
}

/** `business_rule` → `Business rule`. */
export function kindName(subjectType: string): string {
  const words = humanize(subjectType);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `Conversation “Refund for order 1182”`. */
export function subjectName(subjectType: string, label: string): string {
  return `${kindName(subjectType)} “${clip(label, 60)}”`;
}

/** The names of the ids an event's values hold, as the owner may read them (the panel shows the same). */
export type ValueNames = ReadonlyMap<string, string>;
const NO_NAMES: ValueNames = new Map();

/** An instant as the API writes it (`2026-12-03T01:10:14.532Z`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** A value as a short phrase: text quoted, empty for null, an id by its name, an instant in minutes (UTC), JSON clipped. */
export function valueText(value: unknown, names: ValueNames = NO_NAMES): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') {
    const name = names.get(value);
    if (name !== undefined) return clip(name, VALUE_CHARS);
    if (INSTANT.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
    return `“${clip(value, VALUE_CHARS)}”`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && names.has(item))) {
    return clip((value as string[]).map((id) => names.get(id)!).join(', ') || 'none', VALUE_CHARS);
  }
  return clip(JSON.stringify(value), VALUE_CHARS);
}

function decoded(encoded: string | null): unknown {
  return encoded === null ? null : (JSON.parse(encoded) as unknown);
}

/** The ids (alone, or in a list) among an event's before and after: what its words may name. */
export function idsInValues(event: Pick<WrittenEvent, 'before' | 'after'>): string[] {
  const ids: string[] = [];
  for (const value of [decoded(event.before), decoded(event.after)]) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && ID_PATTERN.test(item)) ids.push(item);
  }
  return ids;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Subjects whose values notifications never repeat: a message's content may
 * be redacted later, and redaction must leave no copy of it anywhere.
 */
const VALUES_NOT_REPEATED = new Set(['message']);

/** One event in a sentence; `where` names its subject (left out when the title already does). */
export function describeEvent(event: WrittenEvent, where: boolean, names: ValueNames = NO_NAMES): string {
  const text = (encoded: string | null) => valueText(decoded(encoded), names);
  const subject = where ? ` ${subjectName(event.subjectType, event.subjectLabel)}` : '';
  const values = !VALUES_NOT_REPEATED.has(event.subjectType);
  if (event.event === 'update' && event.property !== null) {
    const of = where ? ` of${subject}` : '';
    const change = values ? `: ${text(event.before)} → ${text(event.after)}` : '';
    return `${event.actorName} changed ${event.property}${of}${change}`;
  }
  if (event.event === 'create' || event.event === 'delete') return `${event.actorName} ${event.event}d${subject || ' it'}`;
  const property = event.property === null ? '' : values ? ` (${event.property} → ${text(event.after)})` : ` (${event.property})`;
  return `${event.actorName}: ${humanize(event.event)}${where ? ` —${subject}` : ''}${property}`;
}

/** The words of a subject or filter watch's notification of `count` events, `latest` the newest. */
export function burstWords(
  what: string,
  count: number,
  latest: WrittenEvent,
  subjectInTitle: boolean,
  names: ValueNames = NO_NAMES,
): { title: string; body: string } {
  const sentence = describeEvent(latest, !subjectInTitle, names);
  if (count === 1) return { title: what, body: sentence };
  return { title: `${count} changes to ${what}`, body: `Latest: ${sentence}` };
}

/** The words of a threshold reached by `count` events from `firstAt`, `last` the one that reached it. */
export function thresholdWords(
  watchName: string,
  reached: { count: number; firstAt: number; last: WrittenEvent },
  perActor: boolean,
  names: ValueNames = NO_NAMES,
): { title: string; body: string } {
  const { count, firstAt, last } = reached;
  const minutes = Math.max(1, Math.ceil((last.occurredAt - firstAt) / 60_000));
  const by = perActor ? ` by ${last.actorName}` : '';
  return {
    title: `Threshold reached: ${watchName}`,
    body: `${count} matching events${by} within ${minutes} min. Latest: ${describeEvent(last, true, names)}`,
  };
}

/** Where a subject watch's notification leads: the subject in the workspace. */
export function subjectLink(type: 'customer' | 'conversation', id: string): NotificationLink {
  return { kind: 'subject', type, id };
}

/**
 * Where a filter's notification leads: the log filtered by the watch's
 * filter (as its owner may read it), from `from` (inclusive) to `to`
 * (exclusive), kept within the filter's own dates.
 */
export function logLink(filter: string, range: { from?: number; to?: number }, from: number, to: number): NotificationLink {
  const params = new URLSearchParams(filter);
  params.set('from', new Date(Math.max(from, range.from ?? from)).toISOString());
  params.set('to', new Date(Math.min(to, range.to ?? to)).toISOString());
  return { kind: 'log', filter: params.toString() };
}
