import type { Actor } from '../audit/context';
import type { agentStates, users } from '../db/schema';
import type { QueueKey, TopicKey } from './topics';

/* What the simulation knows about each demo organization while it runs (the database stays the record). */

export type UserRow = typeof users.$inferSelect;
export type AgentStateRow = typeof agentStates.$inferSelect;

/** Who performs a simulated change, and where their requests come from. */
export interface Performer {
  actor: Actor;
  /** People and integrations call over HTTP; rules, workflows and the router run inside the workspace (null). */
  ip: string | null;
  userAgent: string | null;
}

export interface Shift {
  start: number;
  end: number;
  /** Away (lunch) or busy (a call, a meeting) for a while. */
  breaks: { start: number; end: number; status: 'away' | 'busy' }[];
}

export type TeamKey = 'tier1' | 'tier2' | 'billing';

export interface Person extends Performer {
  user: UserRow;
  team: TeamKey | null;
  /** One entry per simulated day: the shift worked, or null for a day off. */
  shifts: (Shift | null)[];
  /** The agent's routing state as last written, or null before their first sign-on. */
  routing: AgentStateRow | null;
}

export interface Ref {
  id: string;
  name: string;
}

export interface CustomerState extends Ref {
  companyId: string | null;
  language: string;
  tags: string[];
  plan: string;
  lifetimeValue: number;
  ordersCount: number;
  /** Merged, deleted, or a one-off (spam, a duplicate record): never picked for a new conversation. */
  retired: boolean;
}

export interface CompanyState extends Ref {
  domain: string;
  tags: string[];
  employeeCount: number;
}

export type RuleKey = 'refunds' | 'triage' | 'vip' | 'reopen' | 'sla' | 'spam';
export type WorkflowKey = 'orderLookup' | 'sentiment' | 'csat' | 'snooze' | 'metrics';
export type IntegrationKey = 'shopify' | 'crm' | 'email' | 'chat' | 'sms' | 'voice' | 'surveys';

export interface Automations {
  /** Ids of the rules and workflows an admin has turned off: they do nothing until turned on again. */
  off: Set<string>;
  rules: Partial<Record<RuleKey, Performer>>;
  workflows: Partial<Record<WorkflowKey, Performer>>;
  router: Performer;
  integrations: Record<IntegrationKey, Performer>;
}

export interface ShortcutRef extends Ref {
  /** Which replies it suits: a topic, or any. */
  topic: TopicKey | 'any';
  /** Its actions set the conversation done. */
  closes: boolean;
}

export interface OrgWorld extends Ref {
  /** Email domain of its teammates. */
  domain: string;
  admin: Person;
  people: Person[];
  agents: Person[];
  leads: Person[];
  teams: Partial<Record<TeamKey, Ref>>;
  queues: Partial<Record<QueueKey, Ref>>;
  companies: CompanyState[];
  customers: CustomerState[];
  automations: Automations;
  shortcuts: ShortcutRef[];
  savedSearches: Ref[];
}
