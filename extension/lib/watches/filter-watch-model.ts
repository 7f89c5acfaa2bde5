import { batch, computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import type { Watch } from '../../../shared/api-client-responses';
import type { Category, Role } from '../../../shared/enums';
import { auditCategoriesFor } from '../../../shared/permissions';
import type { LogFilter } from '../log/filter/log-filter';
import { EVENT_TYPES } from '../log/filter/seed-form';
import type { NotificationPrompt } from './notification-permission';
import type { CreateWatch } from './subject-pins';
import { readableCategories, THRESHOLD_COUNT, THRESHOLD_MINUTES, unreadableCategories, watchFilterOf, wholeNumberIn } from './filter-watch';

export type FilterWatchKind = 'filter' | 'threshold';

export interface FilterWatchDeps {
  createWatch: CreateWatch;
  notificationPrompt: Pick<NotificationPrompt, 'askOnWatch'>;
  /** The audit page's filter in force. */
  filter: ReadonlySignal<LogFilter>;
  /** The signed-in person's role (null signed out). */
  role: ReadonlySignal<Role | null>;
}

const LABELS = Object.fromEntries(EVENT_TYPES.map((type) => [type.id, type.label])) as Record<string, string>;

/** An event type as the page names it ("Work Session"). */
export function categoryLabel(category: string): string {
  return LABELS[category] ?? category;
}

/**
 * The audit page's "Watch this filter" and "Alert on a threshold": a watch
 * on the page's filter, offering only the event types the person's role
 * reads, with a count, minutes and per-actor counting for a threshold. The
 * backend's refusal is shown in its own words.
 */
export const FilterWatchModel = createModel((deps: FilterWatchDeps) => {
  const open = signal(false);
  const kind = signal<FilterWatchKind>('filter');
  const categories = signal<Category[]>([]);
  const count = signal('5');
  const minutes = signal('10');
  const perActor = signal(false);
  const includeOwn = signal(false);
  const name = signal('');
  const busy = signal(false);
  const error = signal<string | null>(null);
  /** The watch just made, shown until the form is opened again. */
  const created = signal<Watch | null>(null);

  const readable = computed(() => (deps.role.value ? auditCategoriesFor(deps.role.value) : []));
  /** The filter's event types the role does not read: named, never offered. */
  const leftOut = computed(() => unreadableCategories(deps.filter.value, readable.value));
  const hasDates = computed(() => Boolean(deps.filter.value.from || deps.filter.value.to));
  const watchFilter = computed(() => watchFilterOf(deps.filter.value, categories.value));

  /** What stops the watch being made, in words; null when it may be. */
  function problem(): string | null {
    if (leftOut.peek().length > 0 && categories.peek().length === 0) {
      return `Your role does not read ${leftOut.peek().map(categoryLabel).join(', ')} events: choose an event type you read.`;
    }
    if (kind.peek() !== 'threshold') return null;
    if (wholeNumberIn(count.peek(), THRESHOLD_COUNT) === null) return `The number of events is a whole number from ${THRESHOLD_COUNT.min} to ${THRESHOLD_COUNT.max.toLocaleString('en')}.`;
    if (wholeNumberIn(minutes.peek(), THRESHOLD_MINUTES) === null) return `The minutes are a whole number from ${THRESHOLD_MINUTES.min} to ${THRESHOLD_MINUTES.max.toLocaleString('en')} (a day).`;
    return null;
  }

  return {
    open,
    kind,
    categories,
    count,
    minutes,
    perActor,
    includeOwn,
    name,
    busy,
    error,
    created,
    readable,
    leftOut,
    hasDates,
    watchFilter,

    /** Opens the form on the page's filter as it is now (its readable event types ticked). */
    show(as: FilterWatchKind): void {
      batch(() => {
        open.value = true;
        kind.value = as;
        categories.value = readableCategories(deps.filter.peek(), readable.peek());
        error.value = null;
        created.value = null;
      });
    },

    close(): void {
      if (!busy.peek()) open.value = false;
    },

    /** Ticks or unticks an event type; only those the role reads can be. */
    setCategory(category: Category, on: boolean): void {
      if (!readable.peek().includes(category)) return;
      const others = categories.peek().filter((entry) => entry !== category);
      categories.value = on ? readable.peek().filter((entry) => entry === category || others.includes(entry)) : others;
    },

    /** Makes the watch. Call from the submit handler: the notification permission is asked for first, within the click. */
    async submit(): Promise<Watch | null> {
      if (busy.peek()) return null;
      const reason = problem();
      if (reason) {
        error.value = reason;
        return null;
      }
      deps.notificationPrompt.askOnWatch();
      const threshold =
        kind.peek() === 'threshold'
          ? { count: wholeNumberIn(count.peek(), THRESHOLD_COUNT)!, minutes: wholeNumberIn(minutes.peek(), THRESHOLD_MINUTES)!, perActor: perActor.peek() }
          : undefined;
      const typedName = name.peek().trim();
      batch(() => {
        busy.value = true;
        error.value = null;
      });
      try {
        const result = await deps.createWatch({
          filter: watchFilter.peek(),
          ...(threshold ? { threshold } : {}),
          ...(typedName ? { name: typedName } : {}),
          ...(includeOwn.peek() ? { includeOwn: true } : {}),
        });
        if (!result.ok) {
          error.value = result.error.message;
          return null;
        }
        batch(() => {
          created.value = result.value;
          name.value = '';
        });
        return result.value;
      } catch (cause) {
        error.value = cause instanceof Error ? cause.message : 'The extension could not answer.';
        return null;
      } finally {
        busy.value = false;
      }
    },
  };
});

export type FilterWatchModel = InstanceType<typeof FilterWatchModel>;
