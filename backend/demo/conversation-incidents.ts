import { createEntity, deleteEntity } from '../audit/engine';
import { conversationEntity } from '../entities/conversations/definition';
import { customerEntity } from '../entities/customers/definition';
import { voiceRecordingEntity } from '../entities/voice/definition';
import { running } from './actors';
import { HOUR, MINUTE, SECOND } from './clock';
import { changeConversation, type ConversationState, redactMessage } from './conversation-steps';
import { mergeCustomers } from './customer-activity';
import { nextAtWork } from './shifts';
import type { Process, Sim } from './sim';
import type { OrgWorld } from './world';

/* The occasional events of a conversation: a call recording, a redaction, spam, a duplicate customer record. */

type Wait = AsyncGenerator<number, void, undefined>;

/** A call leaves a recording; a few are deleted later by a lead. */
export async function* recordCall(sim: Sim, org: OrgWorld, conversation: ConversationState): Wait {
  const { random } = sim;
  const duration = random.int(45, 1_200);
  yield sim.clock.ms + duration * SECOND;
  const recording = await createEntity(sim.tx, sim.ctx(org.id, org.automations.integrations.voice), voiceRecordingEntity, {
    conversationId: conversation.id,
    customerId: conversation.customer.id,
    durationSeconds: duration,
    recordingUrl: `https://recordings.example.com/${conversation.id.toLowerCase()}.mp3`,
  });
  const lead = org.leads[0];
  if (lead && random.chance(0.06)) {
    yield nextAtWork(sim, lead, sim.clock.ms + random.int(1, 48) * HOUR);
    await deleteEntity(sim.tx, sim.ctx(org.id, lead), voiceRecordingEntity, recording.id);
  }
}

/** A lead removes card details the customer pasted into a message. */
export async function* redactLater(sim: Sim, org: OrgWorld, messageId: string): Wait {
  const lead = org.leads[0] ?? org.admin;
  yield nextAtWork(sim, lead, sim.clock.ms + sim.random.int(10, 90) * MINUTE);
  await redactMessage(sim, org, lead, messageId);
}

/** Spam: a rule closes it at once (unless turned off), and within the working day a lead deletes it and its sender. */
export async function* spamLife(sim: Sim, org: OrgWorld, conversation: ConversationState): Process {
  const rule = running(org, org.automations.rules.spam);
  yield sim.clock.ms + sim.random.int(2, 20) * SECOND;
  if (rule) await changeConversation(sim, sim.ctx(org.id, rule), conversation, { status: 'done', endedReason: 'Spam', tags: ['spam'] });
  const lead = org.leads[0] ?? org.admin;
  yield nextAtWork(sim, lead, sim.clock.ms + sim.random.int(1, 12) * HOUR);
  const ctx = sim.ctx(org.id, lead);
  await deleteEntity(sim.tx, ctx, conversationEntity, conversation.id);
  await deleteEntity(sim.tx, ctx, customerEntity, conversation.customer.id);
}

/** A second record of a returning customer: a lead merges it into the first a day or two later. */
export async function* mergeCustomerLater(sim: Sim, org: OrgWorld, conversation: ConversationState): Wait {
  const duplicate = conversation.customer;
  const original = org.customers.find((c) => c.name === duplicate.name && c !== duplicate && !c.retired);
  const lead = org.leads[0];
  if (!original || !lead) return;
  yield nextAtWork(sim, lead, sim.clock.ms + sim.random.int(12, 48) * HOUR);
  await mergeCustomers(sim, org, lead, duplicate, original);
  conversation.customer = original;
}
