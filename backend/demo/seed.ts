import { count } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { hashPassword } from '../auth/passwords';
import type { Reader, Tx } from '../db/sql';
import { auditEvents, companies, conversations, customers, messages, organizations, surveys, users } from '../db/schema';
import type { AppDeps } from '../deps';
import { DAY, MINUTE, SimClock } from './clock';
import { demoSupport } from './demo-support';
import { otherCo } from './other-co';
import { createRandom } from './random';
import { Timeline } from './timeline';

/** The password of every demo account (printed by `npm start`). */
export const DEMO_PASSWORD = 'auditdesk-demo';
/** The seed of the demo's random generator: the same seed and `now` give the same workspace. */
export const DEMO_SEED = 20_240_901;
const WINDOW_DAYS = 90;

export interface SeedOptions {
  /** Told how far the seed is, about once per simulated day. */
  progress?: (text: string) => void;
  /** The end of the simulated window (default: deps.now()). */
  now?: Date;
  /** Shrinks the whole demo, window included (0.1: ~9 days, ~100 conversations). Default 1. */
  scale?: number;
  seed?: number;
}

export interface SeedSummary {
  organizations: number;
  users: number;
  customers: number;
  companies: number;
  conversations: number;
  messages: number;
  surveys: number;
  auditEvents: number;
  days: number;
  elapsedMs: number;
}

/**
 * Fills an EMPTY database with the demo workspace: "Demo Support" (the four
 * sign-in accounts, a support team, ~200 customers, ~1,000 conversations) and
 * the small "Other Co", with the history of the last 90 days. Every change is
 * made through the audit engine by the simulated person or automation, at
 * the simulated time, one transaction per simulated day. Returns null, doing
 * nothing, when the database already has an organization.
 */
export async function seedDemoIfEmpty(deps: AppDeps, options: SeedOptions = {}): Promise<SeedSummary | null> {
  const began = performance.now();
  const [existing] = await deps.db.reader.select({ id: organizations.id }).from(organizations).limit(1);
  if (existing) return null;

  const scale = options.scale ?? 1;
  const end = (options.now ?? deps.now()).getTime();
  const start = end - Math.max(7, Math.round(WINDOW_DAYS * scale)) * DAY;
  // argon2 is slow on purpose: hash once, share it.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const random = createRandom(options.seed ?? DEMO_SEED);
  const timeline = new Timeline(random, new SimClock(start, random.fork()), start, end);
  const volume = { scale, passwordHash };
  timeline.spawn(start, demoSupport(timeline, volume));
  timeline.spawn(start + 30 * MINUTE, otherCo(timeline, volume));

  await timeline.run(deps.writes, async (day: number, tx: Tx) => {
    if (!options.progress) return;
    const events = await rows(tx, auditEvents);
    options.progress(`Seeding demo workspace… day ${day}/${timeline.days}, ${events.toLocaleString('en-US')} events`);
  });

  const db = deps.db.reader;
  return {
    organizations: await rows(db, organizations),
    users: await rows(db, users),
    customers: await rows(db, customers),
    companies: await rows(db, companies),
    conversations: await rows(db, conversations),
    messages: await rows(db, messages),
    surveys: await rows(db, surveys),
    auditEvents: await rows(db, auditEvents),
    days: timeline.days,
    elapsedMs: Math.round(performance.now() - began),
  };
}

async function rows(db: Reader | Tx, table: SQLiteTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/** One line for people: what was seeded, and how long it took. */
export function describeSummary(summary: SeedSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `Seeded the demo workspace in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${n(summary.organizations)} organizations, ` +
    `${n(summary.users)} users, ${n(summary.customers)} customers, ${n(summary.companies)} companies, ` +
    `${n(summary.conversations)} conversations, ${n(summary.messages)} messages, ${n(summary.surveys)} surveys, ` +
    `${n(summary.auditEvents)} audit events over ${summary.days} days.`
  );
}
