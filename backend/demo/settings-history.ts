import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { EntityDefinition } from '../audit/definition';
import { createEntity, deleteEntity, type EntityPatch, type UpdateOptions, updateEntity } from '../audit/engine';
import { userEntity } from '../auth/user-entity';
import { saveBillingAccount } from '../entities/billing/account';
import { businessRuleEntity } from '../entities/business-rules/definition';
import { savedSearchEntity } from '../entities/saved-searches/definition';
import { shortcutEntity } from '../entities/shortcuts/definition';
import { workflowEntity } from '../entities/workflows/definition';
import { nextAtWork } from './shifts';
import type { Process, Sim } from './sim';
import type { OrgWorld, Person } from './world';

/*
 * How the admin changes the workspace's settings over the simulated months:
 * rules tuned and switched off and on, searches and shortcuts edited, the
 * subscription grown, a teammate hired, renamed, promoted. Each step runs on
 * the admin's next working moment after its point in the window.
 */
type Step = (sim: Sim, org: OrgWorld, admin: Person) => Promise<void>;

const SEARCH_SETTINGS = { section: 'search_settings' } as const;

function idOf(refs: readonly { id: string; name: string }[], name: string): string | null {
  return refs.find((r) => r.name === name)?.id ?? null;
}

async function patch<T extends SQLiteTable>(
  sim: Sim,
  org: OrgWorld,
  by: Person,
  def: EntityDefinition<T>,
  id: string | null | undefined,
  values: EntityPatch<T>,
  options: UpdateOptions<T> = {},
) {
  if (id) await updateEntity(sim.tx, sim.ctx(org.id, by), def, id, values, options);
}

/** Turns a rule, workflow or search on or off: its own event, as the /enable and /disable routes record it. */
async function toggle<T extends SQLiteTable>(sim: Sim, org: OrgWorld, by: Person, def: EntityDefinition<T>, id: string | null | undefined, enabled: boolean) {
  await patch(sim, org, by, def, id, { enabled } as EntityPatch<T>, { event: enabled ? 'enabled' : 'disabled' });
  if (id && enabled) org.automations.off.delete(id);
  else if (id) org.automations.off.add(id);
}

export function settingsScript(hire: (sim: Sim, org: OrgWorld) => Promise<void>): [number, Step][] {
  const rule = (org: OrgWorld, key: 'triage' | 'spam' | 'vip') => org.automations.rules[key]?.actor.id;
  return [
    [0.03, (sim, org, a) => patch(sim, org, a, businessRuleEntity, rule(org, 'triage'), {
      criteria: { any: [{ field: 'message.body', op: 'matches', value: 'order|tracking|invoice|password|crash|cancel|refund|charged' }] },
    })],
    [0.06, (sim, org, a) => patch(sim, org, a, savedSearchEntity, idOf(org.savedSearches, 'Unassigned'), {
      columns: ['name', 'customer', 'queue', 'status', 'priority', 'updatedAt'],
    }, SEARCH_SETTINGS)],
    [0.08, (sim, org, a) => toggle(sim, org, a, businessRuleEntity, rule(org, 'spam'), false)],
    [0.11, async (sim, org, a) => {
      await patch(sim, org, a, businessRuleEntity, rule(org, 'spam'), {
        criteria: { all: [{ field: 'message.body', op: 'matches', value: 'SEO|backlinks|guest post' }, { field: 'customer.conversations', op: 'eq', value: 0 }] },
      });
      await toggle(sim, org, a, businessRuleEntity, rule(org, 'spam'), true);
    }],
    [0.15, (sim, org, a) => billing(sim, org, a, { seats: org.people.length + 2 })],
    [0.2, async (sim, org, a) => {
      const row = await createEntity(sim.tx, sim.ctx(org.id, a), shortcutEntity, {
        name: 'Close: no response',
        message: 'We have not heard back in a while, so I am closing this conversation. Just reply to open it again!',
        shareAccess: 'everyone',
        sharedUsers: [],
        sharedTeams: [],
        actions: [{ property: 'status', value: 'done' }, { property: 'endedReason', value: 'No response from customer' }],
      });
      org.shortcuts.push({ id: row.id, name: row.name, topic: 'any', closes: true });
    }],
    [0.25, (sim, org, a) => patch(sim, org, a, workflowEntity, org.automations.workflows.sentiment?.actor.id, { variables: { negativeThreshold: -0.4 } })],
    [0.33, (sim, org) => hire(sim, org)],
    [0.38, (sim, org, a) => patch(sim, org, a, businessRuleEntity, rule(org, 'vip'), {
      actions: [{ type: 'set_priority', value: 'urgent' }, { type: 'add_tags', tags: ['vip'] }, { type: 'notify', team: 'Tier 2' }],
    })],
    [0.45, (sim, org, a) => billing(sim, org, a, { paymentMethod: { brand: 'mastercard', last4: '5454', expMonth: 3, expYear: 2029 } })],
    [0.5, (sim, org, a) => patch(sim, org, a, savedSearchEntity, idOf(org.savedSearches, 'VIP waiting'), {
      badgeColor: 'purple',
      visibleByDefault: false,
      visibleToTeams: org.teams.tier2 ? [org.teams.tier2.id] : [],
    }, SEARCH_SETTINGS)],
    [0.55, (sim, org, a) => rename(sim, org, a, 'Fatima Zahra', 'Fatima Zahra-Haddad')],
    [0.6, (sim, org, a) => patch(sim, org, a, shortcutEntity, idOf(org.shortcuts, 'Shipping delay apology'), {
      message: 'I am sorry your parcel is late. Our carrier is catching up on a backlog; I will check on it again tomorrow.',
    })],
    [0.63, (sim, org, a) => toggle(sim, org, a, workflowEntity, org.automations.workflows.orderLookup?.actor.id, false)],
    [0.64, (sim, org, a) => toggle(sim, org, a, workflowEntity, org.automations.workflows.orderLookup?.actor.id, true)],
    [0.7, async (sim, org, a) => {
      const old = idOf(org.savedSearches, 'Refunds this week');
      if (old) await deleteEntity(sim.tx, sim.ctx(org.id, a), savedSearchEntity, old);
      const row = await createEntity(sim.tx, sim.ctx(org.id, a), savedSearchEntity, {
        name: 'Voice callbacks',
        query: { channel: 'voice', status: 'open' },
        enabled: true,
        badgeEnabled: true,
        badgeColor: 'green',
        icon: 'phone',
        visibleByDefault: true,
        visibleToUsers: [],
        visibleToTeams: [],
        columns: ['name', 'customer', 'queue', 'updatedAt'],
      });
      org.savedSearches = [...org.savedSearches.filter((s) => s.id !== old), { id: row.id, name: row.name }];
    }],
    [0.75, (sim, org, a) => patch(sim, org, a, businessRuleEntity, rule(org, 'triage'), {
      description: 'Tags new conversations by topic so each lands in the right queue.',
    })],
    [0.8, (sim, org, a) => promote(sim, org, a, 'Chloe Bennett')],
    [0.85, (sim, org, a) => billing(sim, org, a, { billingEmail: `finance@${org.domain}` })],
    [0.9, (sim, org, a) => patch(sim, org, a, savedSearchEntity, idOf(org.savedSearches, 'SLA breached'), { badgeEnabled: false, icon: 'timer' }, SEARCH_SETTINGS)],
    [0.93, async (sim, org, a) => {
      const old = idOf(org.shortcuts, 'Password reset steps');
      if (!old) return;
      await deleteEntity(sim.tx, sim.ctx(org.id, a), shortcutEntity, old);
      org.shortcuts = org.shortcuts.filter((s) => s.id !== old);
    }],
    [0.96, (sim, org, a) => billing(sim, org, a, { plan: 'enterprise', seats: org.people.length + 5 })],
  ];
}

async function billing(sim: Sim, org: OrgWorld, admin: Person, values: Parameters<typeof saveBillingAccount>[2]) {
  await saveBillingAccount(sim.tx, sim.ctx(org.id, admin), values, admin.user.email);
}

/** A teammate's new name: later rows show the new name, earlier rows keep the old one. */
async function rename(sim: Sim, org: OrgWorld, admin: Person, from: string, to: string) {
  const person = org.people.find((p) => p.user.name === from);
  if (!person) return;
  const { row } = await updateEntity(sim.tx, sim.ctx(org.id, admin), userEntity, person.user.id, { name: to });
  person.user = row;
  person.actor = { ...person.actor, name: to };
}

/** An agent becomes a lead: they stop taking routed conversations after their current shift. */
async function promote(sim: Sim, org: OrgWorld, admin: Person, name: string) {
  const person = org.agents.find((p) => p.user.name === name);
  if (!person) return;
  const { row } = await updateEntity(sim.tx, sim.ctx(org.id, admin), userEntity, person.user.id, { role: 'lead' });
  person.user = row;
  org.agents = org.agents.filter((p) => p !== person);
  org.leads.push(person);
}

/** Runs the script for `org`, each step at the admin's next working moment after its point in the window. */
export async function* settingsHistory(sim: Sim, org: OrgWorld, script: [number, Step][]): Process {
  for (const [fraction, step] of script) {
    // A step whose moment has passed (the admin was off) runs at their next working moment.
    const at = Math.max(sim.start + fraction * (sim.end - sim.start), sim.clock.ms);
    yield nextAtWork(sim, org.admin, at);
    await step(sim, org, org.admin);
  }
}
