import type { Channel } from '../../shared/enums';
import { running } from './actors';
import { DAY, HOUR, MINUTE, SECOND } from './clock';
import { enqueue, enrich, intakeRule } from './conversation-intake';
import { mergeCustomerLater, recordCall, redactLater, spamLife } from './conversation-incidents';
import { accept, assign, changeConversation, type ConversationState, mergeInto, openConversation, writeMessage } from './conversation-steps';
import { close, escalateOrEdit, reply, snooze } from './conversation-work';
import { createCustomer, pickWriter } from './directory';
import { LAST_NAMES } from './names';
import { surveyLife } from './satisfaction';
import { atWork, nextAtWork } from './shifts';
import type { Process, Sim } from './sim';
import { CUSTOMER_FOLLOW_UPS, type QueueKey, SENSITIVE_OPENING, type Topic } from './topics';
import type { CustomerState, IntegrationKey, OrgWorld, Person, TeamKey } from './world';

/** What arrives: decided up front by the arrivals plan, so the mix is exact. */
export interface Intake {
  topic: Topic;
  channel: Channel;
  /** From someone new; `duplicate` makes a second record of an existing customer (merged later). */
  writer: 'returning' | 'new' | 'duplicate' | 'spammer';
  /** The customer writes the same thing twice; the agent merges the copy. */
  repeats: boolean;
  /** The first message holds card details; a lead redacts it. */
  sensitive: boolean;
  /** The customer writes back after it is done. */
  reopens: boolean;
}

type Wait<T = void> = AsyncGenerator<number, T, undefined>;

const QUEUE_TEAM: Record<QueueKey, TeamKey> = { general: 'tier1', billing: 'billing', vip: 'tier2', voice: 'tier1' };

/**
 * One conversation from the customer's first message to its survey: intake
 * rules tag it, the queue router queues it, an agent accepts it and replies,
 * the customer answers, it may be snoozed, escalated or breach its SLA, it
 * is done, surveyed, and sometimes reopened.
 */
export async function* conversationLife(sim: Sim, org: OrgWorld, intake: Intake): Process {
  const { random } = sim;
  const { rules, integrations, router } = org.automations;
  const channel = integrations[intake.channel as IntegrationKey];
  const { topic } = intake;

  const customer = await writer(sim, org, intake);
  const order = `#${random.int(10_000, 99_999)}`;
  const [subject, opening] = random.pick(topic.openings);
  const name = subject.replace('#', order);
  const body = intake.sensitive ? SENSITIVE_OPENING : opening.replace('#', order);
  const { conversation, messageId } = await openConversation(sim, org, channel, { customer, channel: intake.channel, topic, name, body });

  if (intake.writer === 'spammer') return yield* spamLife(sim, org, conversation);

  let duplicateId: string | null = null;
  if (intake.repeats) {
    yield sim.clock.ms + random.int(3, 12) * MINUTE;
    const again = { customer, channel: intake.channel, topic, name, body: `Sending this again in case it got lost: ${body}` };
    duplicateId = (await openConversation(sim, org, channel, again)).conversation.id;
  }

  // Intake: a business rule tags and prioritises, the router queues, a workflow enriches.
  yield sim.clock.ms + random.int(3, 40) * SECOND;
  const vip = customer.tags.includes('vip') && !!running(org, rules.vip);
  await intakeRule(sim, org, conversation, vip);
  yield sim.clock.ms + random.int(10, 60) * SECOND;
  const queue = await enqueue(sim, org, conversation, vip);
  yield sim.clock.ms + random.int(1, 4) * MINUTE;
  await enrich(sim, org, conversation, order);

  // Routing: wait for an agent with room, who accepts (sometimes pushed by the router first).
  const { agent: routed, assigned } = yield* waitForAgent(sim, org, conversation, queue);
  let agent = routed;
  if (!assigned && random.chance(0.25)) {
    await assign(sim, org, router, conversation, agent);
    yield* until(sim, org, conversation, sim.clock.ms + random.int(20, 240) * SECOND);
  }
  await accept(sim, org, conversation, agent);
  if (duplicateId) {
    yield sim.clock.ms + random.int(1, 5) * MINUTE;
    await mergeInto(sim, org, agent, duplicateId, conversation);
  }
  if (intake.channel === 'voice') yield* recordCall(sim, org, conversation);
  if (intake.sensitive) yield* redactLater(sim, org, messageId);

  // The conversation itself: replies, edits, perhaps a snooze, then done.
  yield* until(sim, org, conversation, nextAtWork(sim, agent, sim.clock.ms + random.int(2, 25) * MINUTE));
  await reply(sim, org, conversation, agent, true);
  const rounds = random.weighted([[0, 40], [1, 40], [2, 15], [3, 5]] as const);
  for (let round = 0; round < rounds; round++) {
    if (random.chance(0.12)) agent = await escalateOrEdit(sim, org, conversation, agent);
    if (random.chance(0.15)) {
      yield* snooze(sim, org, conversation, agent);
    } else {
      yield sim.clock.ms + random.int(20, 20 * 60) * MINUTE;
      await writeMessage(sim, sim.ctx(org.id, channel), conversation, 'in', random.pick(CUSTOMER_FOLLOW_UPS));
    }
    yield nextAtWork(sim, agent, sim.clock.ms + random.int(5, 60) * MINUTE);
    await reply(sim, org, conversation, agent, false);
  }
  yield nextAtWork(sim, agent, sim.clock.ms + random.int(2, 40) * MINUTE);
  await close(sim, org, conversation, agent);
  if (intake.writer === 'duplicate') yield* mergeCustomerLater(sim, org, conversation);
  if (random.chance(0.7)) yield* surveyLife(sim, org, conversation);

  if (!intake.reopens) return;
  yield sim.clock.ms + random.int(1, 5) * DAY + random.int(0, 600) * MINUTE;
  await writeMessage(sim, sim.ctx(org.id, channel), conversation, 'in', 'Hi again, the problem is back. Can you take another look?');
  const reopen = running(org, rules.reopen);
  if (reopen) await changeConversation(sim, sim.ctx(org.id, reopen), conversation, { status: 'open', endedReason: null });
  yield nextAtWork(sim, agent, sim.clock.ms + random.int(5, 90) * MINUTE);
  await reply(sim, org, conversation, agent, false);
  yield nextAtWork(sim, agent, sim.clock.ms + random.int(5, 120) * MINUTE);
  await close(sim, org, conversation, agent);
}

/** The customer who writes: someone returning, someone new (created by the channel), or a one-off record. */
async function writer(sim: Sim, org: OrgWorld, intake: Intake): Promise<CustomerState> {
  const channel = org.automations.integrations[intake.channel as IntegrationKey];
  const returning = pickWriter(sim, org);
  if (intake.writer === 'returning' && returning) return returning;
  if (intake.writer === 'spammer') {
    const name = `${sim.random.pick(['Rank', 'Growth', 'Link'])} ${sim.random.pick(LAST_NAMES)} SEO`;
    return createCustomer(sim, org, channel, { name, retired: true });
  }
  if (intake.writer === 'duplicate' && returning) return createCustomer(sim, org, channel, { name: returning.name, retired: true });
  return createCustomer(sim, org, channel);
}

/** The first moment at `at` or later, recording the SLA breach on the way if the first reply is late. */
async function* until(sim: Sim, org: OrgWorld, conversation: ConversationState, at: number): Wait {
  const rule = running(org, org.automations.rules.sla);
  const urgent = conversation.priority === 'urgent' || conversation.priority === 'high';
  const deadline = conversation.arrivedAt + (urgent ? 4 : 12) * HOUR;
  if (rule && conversation.firstReplyAt === null && !conversation.slaBreached && deadline < at) {
    yield deadline;
    const breachedAt = new Date(sim.clock.ms).toISOString();
    await changeConversation(sim, sim.ctx(org.id, rule), conversation, { slaBreachedAt: breachedAt }, {
      event: 'sla_breach',
      context: { sla: 'first_response' },
    });
    conversation.slaBreached = true;
  }
  yield at;
}

/**
 * Waits until an agent of the queue's team (or anyone, on overflow) is
 * available with room. After three hours a lead at work hands it to an
 * agent who is online, room or not.
 */
async function* waitForAgent(
  sim: Sim,
  org: OrgWorld,
  conversation: ConversationState,
  queue: QueueKey,
): Wait<{ agent: Person; assigned: boolean }> {
  for (;;) {
    const free = org.agents.filter((a) => a.routing?.routable && a.routing.remainingCapacity > 0);
    const team = free.filter((a) => a.team === QUEUE_TEAM[queue]);
    const pool = team.length > 0 ? team : free;
    if (pool.length > 0) {
      return { agent: sim.random.weighted(pool.map((a) => [a, a.routing?.remainingCapacity ?? 1] as const)), assigned: false };
    }
    const lead = [...org.leads, org.admin].find((p) => atWork(sim, p, sim.clock.ms));
    const online = org.agents.filter((a) => a.routing?.online);
    if (lead && online.length > 0 && sim.clock.ms - conversation.arrivedAt > 3 * HOUR) {
      const agent = sim.random.pick(online);
      await assign(sim, org, lead, conversation, agent);
      yield sim.clock.ms + sim.random.int(1, 10) * MINUTE;
      return { agent, assigned: true };
    }
    yield* until(sim, org, conversation, sim.clock.ms + sim.random.int(6, 20) * MINUTE);
  }
}
