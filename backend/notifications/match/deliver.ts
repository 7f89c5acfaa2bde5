import { eq } from 'drizzle-orm';
import { auditCategoriesOf } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { conversations, customers, type NotificationLink } from '../../db/schema';
import type { Tx } from '../../db/sql';
import { readableFilter } from '../../entities/saved-views/readable-filter';
import { growNotification, raiseNotification } from '../store';
import type { ActiveWatch } from './active-watch';
import { named, type WrittenEvent } from './event';
import { latestNotification, recordMatches } from './records';
import { countTowardThreshold } from './threshold';
import { valueNamesOf } from './value-names';
import { burstWords, logLink, subjectLink, subjectName } from './words';

/** A match joins the watch's latest notification when that one began less than this long before. */
export const BURST_MS = 10_000;

/** A watch's confirmed matches in one write, oldest first, and what its notifications need. */
export interface Delivery {
  tx: Tx;
  watch: ActiveWatch;
  owner: Principal;
  events: readonly WrittenEvent[];
  newId(): string;
}

/** What a notification is about: words for its title, its subject and where it leads. */
export interface Watched {
  text: string;
  /** The title names the subject, so the body need not. */
  inTitle: boolean;
  subject: { type: string; id: string; label: string } | null;
  link: (from: number, to: number) => NotificationLink;
}

/** Turns a watch's matches into notifications: a threshold counts them, any other watch notifies (grouping bursts). */
export async function deliver(delivery: Delivery): Promise<void> {
  const watched = await whatIsWatched(delivery.tx, delivery.watch, delivery.owner, delivery.events);
  if (delivery.watch.threshold) await countTowardThreshold(delivery, delivery.watch.threshold, watched);
  else await notifyBurst(delivery, watched);
}

/**
 * One notification per burst: matches within BURST_MS of the start of the
 * watch's latest notification grow it (its count, "N changes to …"),
 * later ones raise a new one.
 */
async function notifyBurst({ tx, watch, owner, events, newId }: Delivery, watched: Watched): Promise<void> {
  const first = events[0]!;
  const last = events.at(-1)!;
  const recipient = { orgId: watch.orgId, userId: owner.user!.id };
  const latest = await latestNotification(tx, watch.id);
  const names = await valueNamesOf(tx, owner, last);
  if (latest && first.occurredAt >= latest.firstAt && first.occurredAt - latest.firstAt < BURST_MS) {
    await recordMatches(tx, watch.id, events, latest.id);
    const words = burstWords(watched.text, latest.count + events.length, last, watched.inTitle, names);
    await growNotification(tx, recipient, latest.id, { ...words, events: named(events) }, last.occurredAt);
    return;
  }
  const id = newId();
  await recordMatches(tx, watch.id, events, id);
  await raiseNotification(
    tx,
    {
      ...recipient,
      watchId: watch.id,
      ...burstWords(watched.text, events.length, last, watched.inTitle, names),
      category: first.category,
      subject: watched.subject ?? sharedSubject(events),
      // A burst's events all fall within BURST_MS of its first: the link covers those that may join it later.
      link: watched.link(first.occurredAt, first.occurredAt + BURST_MS),
      events: named(events),
    },
    last.occurredAt,
    id,
  );
}

/** The subject of a filter's events when they are all about one. */
function sharedSubject(events: readonly WrittenEvent[]): { type: string; id: string; label: string } | null {
  const [first] = events;
  if (!first || events.some((e) => e.subjectType !== first.subjectType || e.subjectId !== first.subjectId)) return null;
  return { type: first.subjectType, id: first.subjectId, label: first.subjectLabel };
}

async function whatIsWatched(tx: Tx, watch: ActiveWatch, owner: Principal, events: readonly WrittenEvent[]): Promise<Watched> {
  if (watch.subject) {
    const { type, id } = watch.subject;
    const label = await subjectLabel(tx, type, id, events);
    return { text: subjectName(type, label), inTitle: true, subject: { type, id, label }, link: () => subjectLink(type, id) };
  }
  const filter = watch.filter!;
  const readable = readableFilter(filter.text, auditCategoriesOf(owner)).filter ?? filter.text;
  return { text: watch.name, inTitle: false, subject: null, link: (from, to) => logLink(readable, filter.range, from, to) };
}

/** The watched subject's name: as this write recorded it, else as stored (deleted ones keep theirs). */
async function subjectLabel(tx: Tx, type: 'customer' | 'conversation', id: string, events: readonly WrittenEvent[]): Promise<string> {
  const own = events.findLast((e) => e.subjectType === type && e.subjectId === id);
  if (own) return own.subjectLabel;
  const table = type === 'customer' ? customers : conversations;
  const [row] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id));
  return row?.name ?? kindFallback(type);
}

function kindFallback(type: string): string {
  return `a ${type}`;
}
