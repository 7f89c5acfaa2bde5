import { applyShortcut } from '../entities/shortcuts/apply';
import { running } from './actors';
import { DAY, MINUTE } from './clock';
import { assign, changeConversation, type ConversationState, follow, release, writeMessage } from './conversation-steps';
import type { Sim } from './sim';
import { AGENT_FOLLOW_UPS, CUSTOMER_FOLLOW_UPS, ENDED_REASONS, RESOLUTIONS } from './topics';
import type { IntegrationKey, OrgWorld, Person } from './world';

/* What agents do in a conversation: reply, edit, escalate, snooze, close. */

type Wait = AsyncGenerator<number, void, undefined>;

/** An agent's reply: usually typed, sometimes a shortcut that also sets tags or teams. */
export async function reply(sim: Sim, org: OrgWorld, conversation: ConversationState, agent: Person, first: boolean): Promise<void> {
  const { random } = sim;
  const ctx = sim.ctx(org.id, agent);
  const fitting = org.shortcuts.filter((s) => !s.closes && (s.topic === conversation.topic.key || s.topic === 'any'));
  if (fitting.length > 0 && random.chance(0.15)) {
    const shortcut = random.pick(fitting);
    const author = { type: 'user' as const, id: agent.user.id, name: agent.user.name };
    const result = await applyShortcut(sim.tx, ctx, { conversationId: conversation.id, shortcutId: shortcut.id, sendMessage: true, author });
    follow(conversation, result.conversation);
    conversation.firstReplyAt ??= sim.clock.ms;
    conversation.messages += 1;
    return;
  }
  const body = first ? random.pick(conversation.topic.replies) : random.pick(AGENT_FOLLOW_UPS);
  await writeMessage(sim, ctx, conversation, 'out', body);
}

/** Done: by hand with an ended reason, or with a closing shortcut; the agent's slot is given back in the same change. */
export async function close(sim: Sim, org: OrgWorld, conversation: ConversationState, agent: Person): Promise<void> {
  const { random } = sim;
  const ctx = sim.ctx(org.id, agent);
  const closers = org.shortcuts.filter((s) => s.closes && (s.topic === conversation.topic.key || s.topic === 'any'));
  const closing = closers.length > 0 && random.chance(0.3) ? random.pick(closers) : null;
  if (closing) {
    const author = { type: 'user' as const, id: agent.user.id, name: agent.user.name };
    const result = await applyShortcut(sim.tx, ctx, { conversationId: conversation.id, shortcutId: closing.id, sendMessage: true, author });
    follow(conversation, result.conversation);
    conversation.messages += 1;
  } else {
    // Agents record how it was resolved as they close it (a custom attribute).
    const resolution = random.chance(0.6) ? { custom: { resolution: random.pick(RESOLUTIONS[conversation.topic.key]) } } : {};
    await changeConversation(sim, ctx, conversation, { status: 'done', snoozedUntil: null, endedReason: random.pick(ENDED_REASONS), ...resolution });
  }
  await release(sim, ctx, conversation);
  await recordMetrics(sim, org, conversation);
}

/** The metrics workflow runs when a conversation is done: first response, handle time, message count. */
export async function recordMetrics(sim: Sim, org: OrgWorld, conversation: ConversationState): Promise<void> {
  const workflow = running(org, org.automations.workflows.metrics);
  if (!workflow) return;
  const minutes = (ms: number) => Math.round(ms / MINUTE);
  const custom = {
    firstResponseMinutes: conversation.firstReplyAt === null ? null : minutes(conversation.firstReplyAt - conversation.arrivedAt),
    handleTimeMinutes: minutes(sim.clock.ms - conversation.arrivedAt),
    messageCount: conversation.messages,
  };
  await changeConversation(sim, sim.ctx(org.id, workflow), conversation, { custom });
}

/** Snoozed until the customer answers (a rule reopens it) or the snooze ends (a workflow wakes it). */
export async function* snooze(sim: Sim, org: OrgWorld, conversation: ConversationState, agent: Person): Wait {
  const { random } = sim;
  const { rules, workflows, integrations } = org.automations;
  const reopen = running(org, rules.reopen);
  const wakeUp = running(org, workflows.snooze);
  const wakeAt = sim.clock.ms + random.int(1, 3) * DAY;
  await changeConversation(sim, sim.ctx(org.id, agent), conversation, { status: 'snoozed', snoozedUntil: new Date(wakeAt).toISOString() });
  if (random.chance(0.5)) {
    yield sim.clock.ms + random.int(30, 20 * 60) * MINUTE;
    await writeMessage(sim, sim.ctx(org.id, integrations[conversation.channel as IntegrationKey]), conversation, 'in', random.pick(CUSTOMER_FOLLOW_UPS));
    if (reopen) await changeConversation(sim, sim.ctx(org.id, reopen), conversation, { status: 'open', snoozedUntil: null });
  } else {
    yield wakeAt;
    if (wakeUp) await changeConversation(sim, sim.ctx(org.id, wakeUp), conversation, { status: 'open', snoozedUntil: null });
  }
}

/** Now and then: a tag or priority change by the agent, or a lead moving it to Tier 2 (the agent's slot goes back). */
export async function escalateOrEdit(sim: Sim, org: OrgWorld, conversation: ConversationState, agent: Person): Promise<Person> {
  const { random } = sim;
  const lead = org.leads[0];
  const specialists = org.agents.filter((a) => a.team === 'tier2' && a !== agent && a.routing?.online);
  if (lead && specialists.length > 0 && random.chance(0.3)) {
    const specialist = random.pick(specialists);
    const ctx = sim.ctx(org.id, lead);
    await release(sim, ctx, conversation);
    await assign(sim, org, lead, conversation, specialist);
    await changeConversation(sim, sim.ctx(org.id, lead), conversation, { tags: [...conversation.tags, 'escalated'] });
    return specialist;
  }
  const ctx = sim.ctx(org.id, agent);
  if (random.chance(0.5)) {
    const tag = random.pick(['follow-up', 'needs-engineering', 'angry-customer', 'good-feedback']);
    if (!conversation.tags.includes(tag)) await changeConversation(sim, ctx, conversation, { tags: [...conversation.tags, tag] });
  } else {
    await changeConversation(sim, ctx, conversation, { priority: random.pick(['low', 'normal', 'high', 'urgent'] as const) });
  }
  return agent;
}
