import { running } from './actors';
import { changeConversation, type ConversationState, ROUTING } from './conversation-steps';
import type { Sim } from './sim';
import type { QueueKey } from './topics';
import type { OrgWorld } from './world';

/* What automations do to a new conversation: a business rule tags it, the router queues it, a workflow enriches it. */

/**
 * The intake business rule: the topic's tag and priority, and the topic as
 * a custom attribute. VIP customers get the VIP rule instead (urgent, tagged vip).
 */
export async function intakeRule(sim: Sim, org: OrgWorld, conversation: ConversationState, vip: boolean): Promise<void> {
  const { rules } = org.automations;
  const { topic } = conversation;
  const rule = running(org, vip ? rules.vip : topic.key === 'refund' ? (rules.refunds ?? rules.triage) : rules.triage);
  if (!rule) return;
  const patch = vip
    ? { tags: [topic.tag, 'vip'], priority: 'urgent' as const, custom: { topic: topic.key } }
    : { tags: [topic.tag], priority: topic.priority, custom: { topic: topic.key } };
  await changeConversation(sim, sim.ctx(org.id, rule), conversation, patch);
}

/** The queue router puts it in the queue of its channel, customer or topic; returns the queue. */
export async function enqueue(sim: Sim, org: OrgWorld, conversation: ConversationState, vip: boolean): Promise<QueueKey> {
  const { topic, channel } = conversation;
  const key: QueueKey = channel === 'voice' ? 'voice' : vip ? 'vip' : topic.queue;
  const queue = org.queues[key] ?? org.queues.general;
  if (queue) {
    const queueRule = channel === 'voice' ? 'IVR: support line' : vip ? 'Customer is VIP' : `Topic: ${topic.key}`;
    const by = sim.ctx(org.id, org.automations.router);
    await changeConversation(sim, by, conversation, { queueId: queue.id, queueRule }, { ...ROUTING, event: 'queue_entered' });
  }
  return key;
}

/** Order topics: the order lookup workflow copies the order onto the conversation; a few others get a sentiment score. */
export async function enrich(sim: Sim, org: OrgWorld, conversation: ConversationState, order: string): Promise<void> {
  const { random } = sim;
  const orderLookup = running(org, org.automations.workflows.orderLookup);
  const sentiment = running(org, org.automations.workflows.sentiment);
  const key = conversation.topic.key;
  if ((key === 'shipping' || key === 'refund' || key === 'cancel') && orderLookup) {
    const custom = {
      orderNumber: order,
      orderTotal: Math.round(random.between(12, 380) * 100) / 100,
      carrier: random.pick(['UPS', 'DHL', 'FedEx', 'USPS']),
      orderStatus: random.pick(['in_transit', 'delivered', 'processing', 'returned']),
    };
    await changeConversation(sim, sim.ctx(org.id, orderLookup), conversation, { custom });
  } else if (sentiment && random.chance(0.25)) {
    const custom = { sentiment: random.weighted([['negative', 3], ['neutral', 5], ['positive', 2]] as const), intent: key };
    await changeConversation(sim, sim.ctx(org.id, sentiment), conversation, { custom });
  }
}
