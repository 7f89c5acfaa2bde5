import * as v from 'valibot';
import type { StreamDestination } from '../../../shared/api-client';
import type { ActorKind, Category, AuditEventName, Section, StreamDestinationKind } from '../../../shared/enums';
import {
  PAUSE_AFTER_MINUTES_RANGE,
  ROTATE_BYTES_RANGE,
  ROTATE_MINUTES_RANGE,
  STREAM_START_AT,
  StreamDestinationCreate,
  type StreamDestinationCreateInput,
  StreamDestinationUpdate,
  type StreamDestinationUpdateInput,
} from '../../../shared/schemas/streams';

export type SizeUnit = 'KB' | 'MB' | 'GB';
export type TimeUnit = 'minutes' | 'hours' | 'days';
export type StartAt = (typeof STREAM_START_AT)[number];

const BYTES: Record<SizeUnit, number> = { KB: 1_024, MB: 1_048_576, GB: 1_073_741_824 };
const MINUTES: Record<TimeUnit, number> = { minutes: 1, hours: 60, days: 1_440 };

/** An amount as typed, with its unit. */
export interface Amount<U extends string> {
  value: string;
  unit: U;
}

/**
 * The destination form as typed. The filter offers the event types,
 * events, sections and people-or-automations; any other filter a
 * destination has (set through the API) is kept as it is when it is edited.
 */
export interface StreamForm {
  kind: StreamDestinationKind;
  name: string;
  url: string;
  directory: string;
  rotateSize: Amount<SizeUnit>;
  rotateAge: Amount<TimeUnit>;
  pauseAfter: Amount<TimeUnit>;
  categories: Category[];
  events: AuditEventName[];
  sections: Section[];
  actorKind: ActorKind | '';
  startAt: StartAt;
  /** The destination's other filters, sent back unchanged. */
  otherFilter: Record<string, string | string[]>;
}

/**
 * A quantity in the largest unit that gives a whole number (1,440 minutes →
 * 1 day); a quantity no unit divides (1,536 bytes) in the largest unit it
 * reaches, with decimals (1.5 KB), which convert back to the same quantity.
 */
function amountOf<U extends string>(quantity: number, units: Record<U, number>): Amount<U> {
  const bySize = (Object.entries(units) as Array<[U, number]>).sort((a, b) => b[1] - a[1]);
  const [unit, size] = bySize.find(([, s]) => quantity % s === 0) ?? bySize.find(([, s]) => quantity >= s) ?? bySize.at(-1)!;
  return { value: String(quantity / size), unit };
}

export function emptyStreamForm(): StreamForm {
  return {
    kind: 'webhook',
    name: '',
    url: '',
    directory: '',
    rotateSize: amountOf(ROTATE_BYTES_RANGE.default, BYTES),
    rotateAge: amountOf(ROTATE_MINUTES_RANGE.default, MINUTES),
    pauseAfter: amountOf(PAUSE_AFTER_MINUTES_RANGE.default, MINUTES),
    categories: [],
    events: [],
    sections: [],
    actorKind: '',
    startAt: 'now',
    otherFilter: {},
  };
}

const listOf = <T extends string>(value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]) as T[];

/** A destination's settings in the form, to edit them. */
export function formOfDestination(destination: StreamDestination): StreamForm {
  const { category, event, section, actorKind, ...otherFilter } = destination.filter;
  const blank = emptyStreamForm();
  return {
    ...blank,
    kind: destination.kind,
    name: destination.name,
    url: destination.url ?? '',
    directory: destination.directory ?? '',
    rotateSize: destination.rotateBytes === null ? blank.rotateSize : amountOf(destination.rotateBytes, BYTES),
    rotateAge: destination.rotateMinutes === null ? blank.rotateAge : amountOf(destination.rotateMinutes, MINUTES),
    pauseAfter: amountOf(destination.pauseAfterMinutes, MINUTES),
    categories: listOf(category),
    events: listOf(event),
    sections: listOf(section),
    actorKind: (listOf<ActorKind>(actorKind)[0] ?? '') as ActorKind | '',
    otherFilter,
  };
}

/** A typed amount in the base unit, or NaN when it is not a number (the schema then names the field). */
function quantity<U extends string>(amount: Amount<U>, units: Record<U, number>): number {
  const text = amount.value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * units[amount.unit]);
}

function filterOf(form: StreamForm): Record<string, string | string[]> {
  const filter: Record<string, string | string[]> = { ...form.otherFilter };
  if (form.categories.length) filter.category = form.categories;
  if (form.events.length) filter.event = form.events;
  if (form.sections.length) filter.section = form.sections;
  if (form.actorKind) filter.actorKind = form.actorKind;
  return filter;
}

const FIELD_NAMES: Record<string, string> = {
  name: 'The name',
  url: 'The URL',
  directory: 'The folder',
  rotateBytes: 'The file size',
  rotateMinutes: 'The file age',
  pauseAfterMinutes: 'The pause after failing',
  filter: 'The filter',
};

const BOUNDS: Record<string, string> = {
  rotateBytes: `${ROTATE_BYTES_RANGE.min.toLocaleString('en-US')} bytes to 1 GB`,
  rotateMinutes: `1 minute to ${ROTATE_MINUTES_RANGE.max / 1_440} days`,
  pauseAfterMinutes: `1 minute to ${PAUSE_AFTER_MINUTES_RANGE.max / 1_440} days`,
};

/** The first problem of a form, in a sentence naming its field. */
function problemOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const key = String(issue.path?.[0]?.key ?? '');
  const field = FIELD_NAMES[key];
  if (!field) return `The destination ${issue.message}.`;
  if (BOUNDS[key]) return `${field} must be a number from ${BOUNDS[key]}.`;
  return `${field} ${issue.message}.`;
}

export type FormResult<T> = { ok: true; input: T } | { ok: false; error: string };

/** The create request of a filled-in form, or what is wrong with it. */
export function createInputOf(form: StreamForm): FormResult<StreamDestinationCreateInput> {
  const common = { name: form.name.trim(), filter: filterOf(form), pauseAfterMinutes: quantity(form.pauseAfter, MINUTES), startAt: form.startAt };
  const body =
    form.kind === 'webhook'
      ? { kind: form.kind, url: form.url.trim(), ...common }
      : { kind: form.kind, directory: form.directory.trim(), rotateBytes: quantity(form.rotateSize, BYTES), rotateMinutes: quantity(form.rotateAge, MINUTES), ...common };
  const parsed = v.safeParse(StreamDestinationCreate, body);
  return parsed.success ? { ok: true, input: parsed.output } : { ok: false, error: problemOf(parsed.issues) };
}

/** The change request of an edited form (its kind's settings only), or what is wrong with it. */
export function updateInputOf(form: StreamForm): FormResult<StreamDestinationUpdateInput> {
  const common = { name: form.name.trim(), filter: filterOf(form), pauseAfterMinutes: quantity(form.pauseAfter, MINUTES) };
  const body =
    form.kind === 'webhook'
      ? { url: form.url.trim(), ...common }
      : { directory: form.directory.trim(), rotateBytes: quantity(form.rotateSize, BYTES), rotateMinutes: quantity(form.rotateAge, MINUTES), ...common };
  const parsed = v.safeParse(StreamDestinationUpdate, body);
  return parsed.success ? { ok: true, input: parsed.output } : { ok: false, error: problemOf(parsed.issues) };
}
