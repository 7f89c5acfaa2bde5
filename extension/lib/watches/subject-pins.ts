import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Watch } from '../../../shared/api-client-responses';
import type { AuditEvent } from '../../../shared/audit-event';
import type { Result, Subject } from '../messaging/protocol';
import type { WatchCreateRequest } from './watch-request';
import type { NotificationPrompt } from './notification-permission';

/** What pinning sends to the background: one createWatch message. */
export type CreateWatch = (data: WatchCreateRequest) => Promise<Result<Watch>>;

export interface PinDeps {
  createWatch: CreateWatch;
  /** The person's watches (the background's listWatches). */
  listWatches(): Promise<Result<Watch[]>>;
  deleteWatch(id: string): Promise<Result<null>>;
  notificationPrompt: Pick<NotificationPrompt, 'askOnWatch'>;
}

/** A property's new value the panel offers to wait for ("…changes to done"): short scalars only. */
export type PinnableValue = string | number | boolean;

/** "Notify me when status changes" being set up from one row: optionally only when it changes to the row's After. */
export interface PropertyDraft {
  eventId: string;
  property: string;
  value: PinnableValue | null;
  onlyValue: boolean;
}

/** An error of pinning and where it is shown. */
export interface PinError {
  /** `subject` (beside the subject's button) or the id of the row whose pin it is about. */
  place: string;
  message: string;
}

/** A property name a watch can name, as the backend's schema checks it. */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;
/** Longer values are not offered: the row's button would not say them. */
const VALUE_MAX_CHARS = 80;

/** The key of what a watch pins: a subject, one property of it, one value of that. */
export function pinKey(subject: Subject, property?: string | null, value?: { value: unknown }): string {
  const base = `${subject.type}:${subject.id}`;
  if (!property) return base;
  return value ? `${base}#${property}=${JSON.stringify(value.value)}` : `${base}#${property}`;
}

/** The key of an existing watch's pin, or null for a filter watch. */
export function pinKeyOfWatch(watch: Watch): string | null {
  const subject = watch.subject;
  if (!subject) return null;
  return pinKey({ type: subject.type, id: subject.id }, subject.property, 'value' in subject ? { value: subject.value } : undefined);
}

/** The After of a row, when it is a value the panel offers to wait for. */
export function pinnableValue(event: AuditEvent): PinnableValue | null {
  const after = event.after;
  if (typeof after === 'number' || typeof after === 'boolean') return after;
  if (typeof after === 'string' && after.trim() !== '' && after.length <= VALUE_MAX_CHARS && !after.includes('\n')) return after;
  return null;
}

/** Whether a row offers "Notify me when <property> changes": a property of the panel's own subject. */
export function offersPropertyPin(event: AuditEvent, subject: Subject | null): boolean {
  return (
    subject !== null &&
    event.property !== null &&
    PROPERTY_NAME.test(event.property) &&
    event.subject.type === subject.type &&
    event.subject.id === subject.id
  );
}

/**
 * Pinning from the panel: watch the subject on screen ("Watch this
 * conversation"), or one property of it from a row of that property ("Notify
 * me when status changes", optionally "…changes to done"), and stop
 * watching them. Knows what is watched: the person's watches as listed when
 * the panel opens, and what it made or deleted since. The notification
 * permission is asked for within the click, first.
 */
export function createSubjectPins(deps: PinDeps, subject: ReadonlySignal<Subject | null>) {
  const watched = signal<ReadonlyMap<string, Watch>>(new Map());
  const draft = signal<PropertyDraft | null>(null);
  /** The pin key being made. */
  const busy = signal<string | null>(null);
  const error = signal<PinError | null>(null);
  /** The last thing that happened, for screen readers. */
  const notice = signal('');

  const subjectWatch = computed(() => (subject.value ? (watched.value.get(pinKey(subject.value)) ?? null) : null));
  /** The watch of a property of the subject (any value of it), by property; a computed function so rows follow it. */
  const propertyWatch = computed(() => {
    const current = subject.value;
    const map = watched.value;
    return (property: string): Watch | null => {
      if (!current) return null;
      const prefix = pinKey(current, property);
      for (const [key, watch] of map) if (key === prefix || key.startsWith(`${prefix}=`)) return watch;
      return null;
    };
  });

  function know(watches: readonly Watch[]): void {
    const next = new Map<string, Watch>();
    for (const watch of watches) {
      const key = pinKeyOfWatch(watch);
      if (key) next.set(key, watch);
    }
    watched.value = next;
  }

  function remember(watch: Watch): void {
    const key = pinKeyOfWatch(watch);
    if (key) watched.value = new Map(watched.peek()).set(key, watch);
  }

  async function create(key: string, place: PinError['place'], data: WatchCreateRequest, done: (watch: Watch) => string): Promise<Watch | null> {
    if (busy.peek() !== null) return null;
    // Chrome shows its prompt only while a click is handled: before anything is awaited.
    deps.notificationPrompt.askOnWatch();
    busy.value = key;
    error.value = null;
    try {
      const result = await deps.createWatch(data);
      if (!result.ok) {
        error.value = { place, message: result.error.message };
        return null;
      }
      remember(result.value);
      notice.value = done(result.value);
      return result.value;
    } catch (cause) {
      error.value = { place, message: cause instanceof Error ? cause.message : 'The extension could not answer.' };
      return null;
    } finally {
      busy.value = null;
    }
  }

  return {
    watched,
    draft,
    busy,
    error,
    notice,
    subjectWatch,
    propertyWatch,

    /** Reads the person's watches, to show what is watched already; a failure leaves what is known (pinning still works). */
    async load(): Promise<void> {
      const result = await deps.listWatches().catch(() => null);
      if (result?.ok) know(result.value);
    },

    /** Stops watching: deletes the watch (it notifies no more). */
    async stop(watch: Watch, place: PinError['place']): Promise<boolean> {
      const key = pinKeyOfWatch(watch);
      if (!key || busy.peek() !== null) return false;
      busy.value = key;
      error.value = null;
      try {
        const result = await deps.deleteWatch(watch.id);
        // Already gone (deleted from the popup meanwhile) is what was asked for.
        if (!result.ok && result.error.code !== 'not_found') {
          error.value = { place, message: result.error.message };
          return false;
        }
        const next = new Map(watched.peek());
        next.delete(key);
        watched.value = next;
        notice.value = `Stopped watching: ${watch.name}`;
        return true;
      } catch (cause) {
        error.value = { place, message: cause instanceof Error ? cause.message : 'The extension could not answer.' };
        return false;
      } finally {
        busy.value = null;
      }
    },

    /** "Watch this conversation": every change of the subject on screen. Call from the click handler. */
    watchSubject(): Promise<Watch | null> {
      const current = subject.peek();
      if (!current || subjectWatch.peek()) return Promise.resolve(null);
      return create(pinKey(current), 'subject', { subject: current }, (watch) => `Watching ${watch.subject?.label ?? 'it'}`);
    },

    /** Opens a row's "Notify me when <property> changes" form. */
    askProperty(event: AuditEvent): void {
      if (!offersPropertyPin(event, subject.peek()) || event.property === null) return;
      error.value = null;
      draft.value = { eventId: event.id, property: event.property, value: pinnableValue(event), onlyValue: false };
    },

    setOnlyValue(onlyValue: boolean): void {
      const current = draft.peek();
      if (current) draft.value = { ...current, onlyValue: onlyValue && current.value !== null };
    },

    cancel(): void {
      if (busy.peek() !== null) return;
      draft.value = null;
      error.value = null;
    },

    /** Makes the drafted property watch. Call from the click (or submit) handler. */
    async confirmProperty(): Promise<Watch | null> {
      const current = subject.peek();
      const pin = draft.peek();
      if (!current || !pin) return null;
      const value = pin.onlyValue && pin.value !== null ? { value: pin.value } : undefined;
      const data: WatchCreateRequest = { subject: { ...current, property: pin.property, ...value } };
      const made = await create(pinKey(current, pin.property, value), pin.eventId, data, (watch) => `Watching: ${watch.name}`);
      if (made) draft.value = null;
      return made;
    },

    /** The subject on screen changed: a form left open belongs to the old one. */
    forget(): void {
      draft.value = null;
      error.value = null;
    },
  };
}

export type SubjectPins = ReturnType<typeof createSubjectPins>;
