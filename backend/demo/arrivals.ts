import type { Channel } from '../../shared/enums';
import { DAY, HOUR, MINUTE } from './clock';
import type { Intake } from './conversation-life';
import type { Random } from './random';
import { TOPICS } from './topics';

/** How many of the conversations are of each special kind. */
export interface ArrivalMix {
  total: number;
  newWriters: number;
  duplicateWriters: number;
  spam: number;
  repeats: number;
  sensitive: number;
  reopenRate: number;
}

const CHANNELS: readonly (readonly [Channel, number])[] = [
  ['email', 45],
  ['chat', 35],
  ['sms', 8],
  ['voice', 12],
];

// Customers write mostly in working hours (UTC), a little at night.
const HOUR_WEIGHTS = [2, 1, 1, 1, 2, 3, 5, 8, 12, 14, 14, 13, 12, 13, 14, 13, 12, 10, 8, 7, 6, 5, 4, 3];

/**
 * When conversations arrive between `from` and `to`, and what each is: a
 * topic and channel, and exactly `mix` of each special kind, spread at random.
 * Weekdays are busier than weekends.
 */
export function planArrivals(random: Random, from: number, to: number, mix: ArrivalMix): { at: number; intake: Intake }[] {
  const firstDay = Math.floor(from / DAY);
  const days: (readonly [number, number])[] = [];
  for (let day = firstDay; day * DAY < to; day++) {
    const weekday = new Date(day * DAY).getUTCDay();
    days.push([day, weekday === 0 || weekday === 6 ? 4 : 10]);
  }
  const hours = HOUR_WEIGHTS.map((weight, hour) => [hour, weight] as const);
  const times: number[] = [];
  while (times.length < mix.total) {
    const at = random.weighted(days) * DAY + random.weighted(hours) * HOUR + random.int(0, 59) * MINUTE + random.int(0, 59_999);
    if (at > from && at < to) times.push(at);
  }
  times.sort((a, b) => a - b);

  const indexes = random.sample(times.map((_, i) => i), mix.total);
  const take = (count: number) => new Set(indexes.splice(0, count));
  const spam = take(mix.spam);
  const newWriters = take(mix.newWriters);
  const duplicates = take(mix.duplicateWriters);
  const repeats = take(mix.repeats);
  const sensitive = take(mix.sensitive);

  return times.map((at, i) => {
    const billing = TOPICS.find((t) => t.key === 'billing') ?? TOPICS[0]!;
    const topic = sensitive.has(i) ? billing : random.weighted(TOPICS.map((t) => [t, t.weight] as const));
    const channel = sensitive.has(i) || repeats.has(i) || spam.has(i) ? 'email' : random.weighted(CHANNELS);
    const writer = spam.has(i) ? 'spammer' : newWriters.has(i) ? 'new' : duplicates.has(i) ? 'duplicate' : 'returning';
    const intake: Intake = { topic, channel, writer, repeats: repeats.has(i), sensitive: sensitive.has(i), reopens: random.chance(mix.reopenRate) };
    return { at, intake };
  });
}
