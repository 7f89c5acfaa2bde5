import { planArrivals } from './arrivals';
import { HOUR, MINUTE } from './clock';
import { conversationLife } from './conversation-life';
import { shopSync } from './customer-activity';
import { createCustomer, importCompanies } from './directory';
import { createOrgWorld, createPerson } from './people';
import { createBillingAccount, createRules, createWorkflows } from './settings';
import { workingDays } from './shifts';
import type { Process, Sim } from './sim';
import type { Volume } from './demo-support';

/**
 * "Other Co": a second, small workspace with its own people, customers and
 * conversations, so that workspace isolation can be seen (and tested)
 * against real data.
 */
export async function* otherCo(sim: Sim, volume: Volume): Process {
  const n = (full: number) => Math.max(1, Math.round(full * volume.scale));
  const org = await createOrgWorld(
    sim,
    { name: 'Other Co', domain: 'other.test', teams: { tier1: 'Support' }, queues: { general: 'Inbox' } },
    { name: 'Owen Hart', email: 'admin@other.test', role: 'admin', team: null },
    volume.passwordHash,
  );
  const { id, admin } = org;
  yield sim.clock.ms + 5 * MINUTE;
  const agent = await createPerson(sim, id, { name: 'Rosa Lindqvist', email: 'agent@other.test', role: 'agent', team: 'tier1' }, volume.passwordHash, admin);
  org.people.push(agent);
  org.agents.push(agent);
  for (const person of org.people) sim.spawn(sim.clock.ms, workingDays(sim, org, person));

  yield sim.clock.ms + 10 * MINUTE;
  await createRules(sim, org, ['triage', 'reopen']);
  await createWorkflows(sim, org, ['csat']);
  await createBillingAccount(sim, org, 2);
  const crm = org.automations.integrations.crm;
  await importCompanies(sim, org, crm, n(4));
  for (let i = 0; i < n(12); i++) await createCustomer(sim, org, crm);

  const from = sim.clock.ms + HOUR;
  const arrivals = planArrivals(sim.random, from, sim.end, {
    total: n(40),
    newWriters: n(4),
    duplicateWriters: 0,
    spam: 0,
    repeats: 0,
    sensitive: 0,
    reopenRate: 0.05,
  });
  for (const { at, intake } of arrivals) sim.spawn(at, conversationLife(sim, org, intake));
  sim.spawn(from, shopSync(sim, org, 1));
}
