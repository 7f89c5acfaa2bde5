import type { Actor } from '../audit/context';
import { createEntity } from '../audit/engine';
import type { RuleDocument, ShortcutAction } from '../db/schema';
import { saveBillingAccount } from '../entities/billing/account';
import { businessRuleEntity } from '../entities/business-rules/definition';
import { savedSearchEntity } from '../entities/saved-searches/definition';
import { shortcutEntity } from '../entities/shortcuts/definition';
import { workflowEntity } from '../entities/workflows/definition';
import type { Sim } from './sim';
import type { TopicKey } from './topics';
import type { OrgWorld, Performer, RuleKey, WorkflowKey } from './world';

/*
 * The settings a demo workspace starts with: business rules, workflows,
 * shortcuts, saved searches and a billing account, all created by the admin.
 * Rules and workflows then act in conversations under their own names.
 */

const RULES: Record<RuleKey, { name: string; description: string; trigger: RuleDocument; criteria: RuleDocument; actions: RuleDocument[] }> = {
  refunds: {
    name: 'Auto-tag refunds',
    description: 'Tags refund requests and raises their priority so Billing sees them first.',
    trigger: { on: 'conversation.created' },
    criteria: { any: [{ field: 'message.body', op: 'contains', value: 'refund' }, { field: 'name', op: 'contains', value: 'refund' }] },
    actions: [{ type: 'add_tags', tags: ['refund'] }, { type: 'set_priority', value: 'high' }],
  },
  triage: {
    name: 'Triage by keywords',
    description: 'Tags new conversations by topic.',
    trigger: { on: 'conversation.created' },
    criteria: { any: [{ field: 'message.body', op: 'matches', value: 'order|tracking|invoice|password|crash|cancel' }] },
    actions: [{ type: 'add_tags', from: 'matched_topic' }],
  },
  vip: {
    name: 'VIP priority',
    description: 'Conversations from VIP customers jump the queue.',
    trigger: { on: 'conversation.created' },
    criteria: { all: [{ field: 'customer.tags', op: 'includes', value: 'vip' }] },
    actions: [{ type: 'set_priority', value: 'urgent' }, { type: 'add_tags', tags: ['vip'] }],
  },
  reopen: {
    name: 'Reopen on customer reply',
    description: 'A reply to a snoozed or done conversation opens it again.',
    trigger: { on: 'message.created' },
    criteria: { all: [{ field: 'message.direction', op: 'eq', value: 'in' }, { field: 'conversation.status', op: 'in', value: ['snoozed', 'done'] }] },
    actions: [{ type: 'set_status', value: 'open' }],
  },
  sla: {
    name: 'SLA: first response',
    description: 'Flags conversations without a first reply in time (12 h; 4 h for urgent).',
    trigger: { on: 'schedule', every: '5m' },
    criteria: { all: [{ field: 'firstResponseAt', op: 'missing' }, { field: 'age', op: 'gt', value: '12h' }] },
    actions: [{ type: 'breach_sla', sla: 'first_response' }],
  },
  spam: {
    name: 'Close obvious spam',
    description: 'Closes cold outreach before it reaches a queue.',
    trigger: { on: 'conversation.created' },
    criteria: { any: [{ field: 'message.body', op: 'matches', value: 'SEO|backlinks|guest post' }] },
    actions: [{ type: 'set_status', value: 'done', endedReason: 'Spam' }, { type: 'add_tags', tags: ['spam'] }],
  },
};

const WORKFLOWS: Record<WorkflowKey, { name: string; description: string; triggers: RuleDocument[]; variables: Record<string, unknown>; steps: RuleDocument[] }> = {
  orderLookup: {
    name: 'Order lookup (Shopify)',
    description: 'Finds the order a conversation is about and copies its details onto the conversation.',
    triggers: [{ on: 'conversation.created', channel: ['email', 'chat'] }],
    variables: { store: 'demo-shop.myshopify.example' },
    steps: [{ action: 'shopify.find_order', by: 'order_number' }, { action: 'conversation.set_custom', fields: ['orderNumber', 'orderTotal', 'carrier'] }],
  },
  sentiment: {
    name: 'Sentiment tagging',
    description: 'Scores the first message and records its sentiment and intent.',
    triggers: [{ on: 'message.created', direction: 'in', first: true }],
    variables: { negativeThreshold: -0.3 },
    steps: [{ action: 'nlp.score' }, { action: 'conversation.set_custom', fields: ['sentiment', 'intent'] }],
  },
  csat: {
    name: 'CSAT survey',
    description: 'Schedules a satisfaction survey an hour after a conversation is done, then sends it.',
    triggers: [{ on: 'conversation.updated', field: 'status', to: 'done' }],
    variables: { delayMinutes: 60 },
    steps: [{ action: 'survey.schedule' }, { action: 'wait', minutes: 60 }, { action: 'survey.offer' }],
  },
  metrics: {
    name: 'Conversation metrics',
    description: 'Records first response time, handle time and message count when a conversation is done.',
    triggers: [{ on: 'conversation.updated', field: 'status', to: 'done' }],
    variables: { businessHoursOnly: false },
    steps: [{ action: 'metrics.compute' }, { action: 'conversation.set_custom', fields: ['firstResponseMinutes', 'handleTimeMinutes', 'messageCount'] }],
  },
  snooze: {
    name: 'Snooze wake-up',
    description: 'Opens snoozed conversations again when their snooze ends.',
    triggers: [{ on: 'schedule', every: '1m' }],
    variables: {},
    steps: [{ action: 'conversation.set_status', value: 'open', where: 'snoozedUntil <= now' }],
  },
};

interface ShortcutPlan {
  name: string;
  topic: TopicKey | 'any';
  message: string;
  actions: ShortcutAction[];
}

function shortcutPlans(org: OrgWorld): ShortcutPlan[] {
  const tier2 = org.teams.tier2?.id;
  return [
    { name: 'Ask for order number', topic: 'any', message: 'Could you share your order number (it starts with #) so I can look it up?', actions: [] },
    {
      name: 'Shipping delay apology',
      topic: 'shipping',
      message: 'I am sorry your parcel is late. The carrier is running behind this week; I am keeping an eye on it for you.',
      actions: [{ property: 'tags', value: ['carrier-delay'] }],
    },
    { name: 'Password reset steps', topic: 'account', message: 'Here is how to reset your password: open the sign-in page, choose "Forgot password" and follow the link we email you.', actions: [] },
    {
      name: 'Escalate to Tier 2',
      topic: 'bug',
      message: 'I have passed this to our Tier 2 specialists, who will follow up shortly.',
      actions: tier2 ? [{ property: 'assignedTeams', value: [tier2] }, { property: 'priority', value: 'high' }] : [],
    },
    {
      name: 'Refund approved',
      topic: 'refund',
      message: 'Good news: your refund is approved and on its way. It shows on your statement in 3–5 business days.',
      actions: [
        { property: 'tags', value: ['refund-approved'] },
        { property: 'status', value: 'done' },
        { property: 'endedReason', value: 'Resolved' },
      ],
    },
  ];
}

function automation(type: 'business_rule' | 'workflow', id: string, name: string): Performer {
  const actor: Actor = { type, id, name };
  return { actor, ip: null, userAgent: null };
}

export async function createRules(sim: Sim, org: OrgWorld, keys: readonly RuleKey[]): Promise<void> {
  for (const key of keys) {
    const rule = RULES[key];
    const row = await createEntity(sim.tx, sim.ctx(org.id, org.admin), businessRuleEntity, { ...rule, enabled: true });
    org.automations.rules[key] = automation('business_rule', row.id, row.name);
  }
}

export async function createWorkflows(sim: Sim, org: OrgWorld, keys: readonly WorkflowKey[]): Promise<void> {
  for (const key of keys) {
    const row = await createEntity(sim.tx, sim.ctx(org.id, org.admin), workflowEntity, { ...WORKFLOWS[key], enabled: true });
    org.automations.workflows[key] = automation('workflow', row.id, row.name);
  }
}

export async function createShortcuts(sim: Sim, org: OrgWorld): Promise<void> {
  for (const plan of shortcutPlans(org)) {
    const billing = org.teams.billing?.id;
    const teamOnly = plan.topic === 'refund' && billing;
    const row = await createEntity(sim.tx, sim.ctx(org.id, org.admin), shortcutEntity, {
      name: plan.name,
      message: plan.message,
      shareAccess: teamOnly ? 'teams' : 'everyone',
      sharedUsers: [],
      sharedTeams: teamOnly ? [billing] : [],
      actions: plan.actions,
    });
    org.shortcuts.push({
      id: row.id,
      name: row.name,
      topic: plan.topic,
      closes: plan.actions.some((a) => a.property === 'status'),
    });
  }
}

export async function createSavedSearches(sim: Sim, org: OrgWorld): Promise<void> {
  const everyone = { visibleByDefault: true, visibleToUsers: [] as string[], visibleToTeams: [] as string[] };
  const searches = [
    { name: 'My open conversations', query: { status: 'open', assignedUsers: 'me' }, icon: 'inbox', badgeColor: 'blue', ...everyone },
    { name: 'Unassigned', query: { status: 'open', assignedUsers: [] }, icon: 'help', badgeColor: 'orange', ...everyone },
    { name: 'VIP waiting', query: { tags: ['vip'], status: 'open' }, icon: 'star', badgeColor: 'gold', ...everyone },
    { name: 'SLA breached', query: { slaBreached: true, status: 'open' }, icon: 'alarm', badgeColor: 'red', ...everyone },
    {
      name: 'Refunds this week',
      query: { tags: ['refund'], createdAt: { gte: 'now-7d' } },
      icon: 'receipt',
      badgeColor: null,
      visibleByDefault: false,
      visibleToUsers: [],
      visibleToTeams: org.teams.billing ? [org.teams.billing.id] : [],
    },
  ];
  for (const search of searches) {
    const row = await createEntity(sim.tx, sim.ctx(org.id, org.admin), savedSearchEntity, {
      ...search,
      enabled: true,
      badgeEnabled: search.badgeColor !== null,
      columns: ['name', 'customer', 'status', 'priority', 'updatedAt'],
    });
    org.savedSearches.push({ id: row.id, name: row.name });
  }
}

export async function createBillingAccount(sim: Sim, org: OrgWorld, seats: number): Promise<void> {
  await saveBillingAccount(
    sim.tx,
    sim.ctx(org.id, org.admin),
    { plan: 'pro', seats, billingEmail: `billing@${org.domain}`, paymentMethod: { brand: 'visa', last4: '4242', expMonth: 8, expYear: 2027 } },
    org.admin.user.email,
  );
}
