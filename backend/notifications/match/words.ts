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

/** A value as a short phrase: text quoted, empty for null, JSON clipped. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `“${clip(value, VALUE_CHARS)}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return clip(JSON.stringify(value), VALUE_CHARS);
}

function encodedValueText(encoded: string | null): string {
  return valueText(encoded === null ? null : (JSON.parse(encoded) as unknown));
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One event in a sentence; `where` names its subject (left out when the title already does). */
export function describeEvent(event: WrittenEvent, where: boolean): string {
  const subject = where ? ` ${subjectName(event.subjectType, event.subjectLabel)}` : '';
  if (event.event === 'update' && event.property !== null) {
    const of = where ? ` of${subject}` : '';
    return `${event.actorName} changed ${event.property}${of}: ${encodedValueText(event.before)} → ${encodedValueText(event.after)}`;
  }
  if (event.event === 'create' || event.event === 'delete') return `${event.actorName} ${event.event}d${subject || ' it'}`;
  const property = event.property === null ? '' : ` (${event.property} → ${encodedValueText(event.after)})`;
  return `${event.actorName}: ${humanize(event.event)}${where ? ` —${subject}` : ''}${property}`;
}

/** The words of a subject or filter watch's notification of `count` events, `latest` the newest. */
export function burstWords(what: string, count: number, latest: WrittenEvent, subjectInTitle: boolean): { title: string; body: string } {
  const sentence = describeEvent(latest, !subjectInTitle);
  if (count === 1) return { title: what, body: sentence };
  return { title: `${count} changes to ${what}`, body: `Latest: ${sentence}` };
}

/** The words of a threshold reached by `count` events from `firstAt`, `last` the one that reached it. */
export function thresholdWords(
  watchName: string,
  reached: { count: number; firstAt: number; last: WrittenEvent },
  perActor: boolean,
): { title: string; body: string } {
  const { count, firstAt, last } = reached;
  const minutes = Math.max(1, Math.ceil((last.occurredAt - firstAt) / 60_000));
  const by = perActor ? ` by ${last.actorName}` : '';
  return {
    title: `Threshold reached: ${watchName}`,
    body: `${count} matching events${by} within ${minutes} min. Latest: ${describeEvent(last, true)}`,
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
