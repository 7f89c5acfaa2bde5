import type { MillionEvents } from './million-events';

/*
 * Request bodies for the ingestion benchmark: what a helpdesk syncing its
 * changes sends to POST /events. Half the events are conversation updates
 * linked to one of the workspace's conversations and its customer, three in
 * ten customer updates linked to a customer, the rest settings changes with
 * no link; values are strings, lists and small objects, as the helpdesk's
 * own objects hold them. Built before the clock starts, so the load
 * generator spends its time sending, not making JSON.
 */

const PROPERTIES = {
  conversation: ['status', 'priority', 'tags', 'assignee'],
  customer: ['tier', 'emails', 'location', 'plan'],
  settings: ['enabled', 'conditions', 'name'],
} as const;
const VALUES: readonly unknown[] = [
  'open',
  'done',
  'urgent',
  'gold',
  ['vip', 'billing'],
  ['returns'],
  { plan: 'Team', seats: 12 },
  { tag: 'escalated', after: '2h' },
  'Lisbon',
  ['ana@mail.example', 'ana@work.example'],
];
const ACTORS = [
  { type: 'api', id: '77', name: 'Helpdesk trigger' },
  { type: 'workflow', id: 'wf-12', name: 'Escalate VIP tickets' },
  { type: 'business_rule', id: 'br-3', name: 'Auto-tag refunds' },
] as const;

/**
 * `count` bodies of `perRequest` events each, as JSON text; event `i` of
 * body `b` is `sync-<b>-<i>` in the source, happened within the last hour.
 */
export function ingestBodies(data: Pick<MillionEvents, 'customerIds' | 'conversationIds' | 'world'>, count: number, perRequest: number): string[] {
  const { conversations } = data.world;
  const now = Date.now();
  const bodies: string[] = [];
  let n = 0;
  for (let b = 0; b < count; b++) {
    const events: unknown[] = [];
    for (let i = 0; i < perRequest; i++, n++) {
      const common = {
        id: `sync-${b}-${i}`,
        actor: ACTORS[n % ACTORS.length],
        event: 'update',
        before: VALUES[n % VALUES.length],
        after: VALUES[(n * 7 + 3) % VALUES.length],
        occurredAt: new Date(now - ((n * 7919) % 3_600_000)).toISOString(),
      };
      const kind = n % 10;
      if (kind < 5) {
        const conversation = conversations[(n * 31) % conversations.length]!;
        events.push({
          ...common,
          category: 'conversation',
          section: 'conversation',
          subject: { type: 'conversation', id: `hd-conv-${n % 5_000}`, label: conversation.name },
          customerId: conversation.customerId,
          conversationId: conversation.id,
          property: PROPERTIES.conversation[n % 4],
        });
      } else if (kind < 8) {
        events.push({
          ...common,
          category: 'customer',
          section: 'customer',
          subject: { type: 'customer', id: `hd-cust-${n % 2_000}`, label: `Customer ${n % 2_000}` },
          customerId: data.customerIds[(n * 17) % data.customerIds.length],
          property: PROPERTIES.customer[n % 4],
        });
      } else {
        events.push({
          ...common,
          category: 'settings',
          section: 'business_rule',
          subject: { type: 'business_rule', id: `hd-rule-${n % 40}`, label: `Helpdesk rule ${n % 40}` },
          property: PROPERTIES.settings[n % 3],
        });
      }
    }
    bodies.push(JSON.stringify({ source: 'helpdesk', events }));
  }
  return bodies;
}
