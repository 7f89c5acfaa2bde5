import type { Channel, ConversationStatus, Priority } from '../../shared/enums';
import type { AuditContext } from '../audit/context';
import { type ChangeOptions, createEntity, type EntityPatch, updateEntity } from '../audit/engine';
import type { conversations, MessageAuthor } from '../db/schema';
import { conversationEntity } from '../entities/conversations/definition';
import { mergeConversation } from '../entities/conversations/merge';
import { redactMessage as redact } from '../entities/messages/redact';
import { messageEntity } from '../entities/messages/definition';
import { agentEntityNamed } from '../entities/routing/definition';
import type { Sim } from './sim';
import type { Topic } from './topics';
import type { CustomerState, OrgWorld, Performer, Person } from './world';

/**
 * The single changes a conversation goes through, each written through the
 * audit engine the way the API's routes write them. Timing lives in
 * conversation-life.ts.
 */

export interface ConversationState {
  id: string;
  customer: CustomerState;
  channel: Channel;
  topic: Topic;
  arrivedAt: number;
  status: ConversationStatus;
  priority: Priority;
  tags: string[];
  agent: Person | null;
  /** The agent whose routing capacity this conversation holds. */
  holding: Person | null;
  firstReplyAt: number | null;
  slaBreached: boolean;
  messages: number;
}

type ConversationRow = typeof conversations.$inferSelect;
type ConversationPatch = EntityPatch<typeof conversations>;

export const ROUTING: ChangeOptions = { category: 'work_session', section: 'routing' };

/** Keeps the simulation's view of the conversation in step with what was written. */
export function follow(conversation: ConversationState, row: ConversationRow): void {
  conversation.status = row.status;
  conversation.priority = row.priority;
  conversation.tags = row.tags;
}

export async function changeConversation(
  sim: Sim,
  ctx: AuditContext,
  conversation: ConversationState,
  patch: ConversationPatch,
  options: ChangeOptions = {},
): Promise<void> {
  const { row } = await updateEntity(sim.tx, ctx, conversationEntity, conversation.id, patch, options);
  follow(conversation, row);
}

/** The customer writes in: a conversation and its first (inbound) message, one change by the channel. */
export async function openConversation(
  sim: Sim,
  org: OrgWorld,
  by: Performer,
  intake: { customer: CustomerState; channel: Channel; topic: Topic; name: string; body: string },
): Promise<{ conversation: ConversationState; messageId: string }> {
  const ctx = sim.ctx(org.id, by);
  const row = await createEntity(sim.tx, ctx, conversationEntity, {
    customerId: intake.customer.id,
    name: intake.name,
    channel: intake.channel,
    status: 'open',
    snoozedUntil: null,
    endedReason: null,
    priority: 'normal',
    tags: [],
    assignedUsers: [],
    assignedTeams: [],
    defaultLanguage: intake.customer.language,
    assistant: null,
    queueId: null,
    queueRule: null,
    acceptedBy: null,
    ivr: intake.channel === 'voice',
    slaBreachedAt: null,
    custom: {},
  });
  const conversation: ConversationState = {
    id: row.id,
    customer: intake.customer,
    channel: intake.channel,
    topic: intake.topic,
    arrivedAt: sim.clock.ms,
    status: row.status,
    priority: row.priority,
    tags: row.tags,
    agent: null,
    holding: null,
    firstReplyAt: null,
    slaBreached: false,
    messages: 0,
  };
  const messageId = await writeMessage(sim, ctx, conversation, 'in', intake.body);
  return { conversation, messageId };
}

/** A message in the conversation: inbound from the customer, outbound from a teammate. */
export async function writeMessage(
  sim: Sim,
  ctx: AuditContext,
  conversation: ConversationState,
  direction: 'in' | 'out',
  body: string,
): Promise<string> {
  const author: MessageAuthor =
    direction === 'in'
      ? { type: 'customer', id: conversation.customer.id, name: conversation.customer.name }
      : { type: 'user', id: ctx.actor.id, name: ctx.actor.name };
  const row = await createEntity(sim.tx, ctx, messageEntity, {
    conversationId: conversation.id,
    customerId: conversation.customer.id,
    direction,
    channel: conversation.channel,
    author,
    body,
    redactedAt: null,
    redactedById: null,
  });
  if (direction === 'out') conversation.firstReplyAt ??= sim.clock.ms;
  conversation.messages += 1;
  return row.id;
}

/**
 * Routing capacity follows the conversations an agent holds: one less on
 * accept, one more when done (never below zero or above their capacity).
 */
export async function moveCapacity(sim: Sim, ctx: AuditContext, agent: Person, delta: 1 | -1, conversationId: string): Promise<boolean> {
  const state = agent.routing;
  if (!state) return false;
  const next = Math.min(state.capacity, Math.max(0, state.remainingCapacity + delta));
  if (next === state.remainingCapacity) return false;
  const def = agentEntityNamed(agent.user.name);
  const { row } = await updateEntity(sim.tx, ctx, def, agent.user.id, { remainingCapacity: next }, { context: { conversationId } });
  agent.routing = row;
  return true;
}

/** An agent accepts the conversation (or one routed to them): it is theirs, and takes one of their slots. */
export async function accept(sim: Sim, org: OrgWorld, conversation: ConversationState, agent: Person): Promise<void> {
  const ctx = sim.ctx(org.id, agent);
  const team = agent.team ? org.teams[agent.team] : undefined;
  await changeConversation(
    sim,
    ctx,
    conversation,
    { acceptedBy: agent.user.id, assignedUsers: [agent.user.id], ...(team ? { assignedTeams: [team.id] } : {}) },
    { ...ROUTING, event: 'accepted' },
  );
  conversation.agent = agent;
  if (await moveCapacity(sim, ctx, agent, -1, conversation.id)) conversation.holding = agent;
}

/** The queue router (or a lead) hands the conversation to an agent and their team. */
export async function assign(sim: Sim, org: OrgWorld, by: Performer, conversation: ConversationState, agent: Person): Promise<void> {
  const team = agent.team ? org.teams[agent.team] : undefined;
  await changeConversation(
    sim,
    sim.ctx(org.id, by),
    conversation,
    { assignedUsers: [agent.user.id], assignedTeams: team ? [team.id] : [] },
    { ...ROUTING, event: 'assigned' },
  );
  conversation.agent = agent;
}

/** Gives back the capacity slot the conversation held, as part of the change `ctx` belongs to. */
export async function release(sim: Sim, ctx: AuditContext, conversation: ConversationState): Promise<void> {
  if (!conversation.holding) return;
  await moveCapacity(sim, ctx, conversation.holding, 1, conversation.id);
  conversation.holding = null;
}

/** Removes a message's content for good: earlier copies in the log first, then the redaction itself. */
export async function redactMessage(sim: Sim, org: OrgWorld, by: Person, messageId: string): Promise<void> {
  await redact(sim.tx, sim.ctx(org.id, by), messageId);
}

/** Merges a duplicate conversation into `into`, the way POST /conversations/:id/merge does. */
export async function mergeInto(sim: Sim, org: OrgWorld, by: Person, duplicateId: string, into: ConversationState): Promise<void> {
  await mergeConversation(sim.tx, sim.ctx(org.id, by), duplicateId, into.id);
}
