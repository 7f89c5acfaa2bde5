import { planArrivals } from './arrivals';
import { HOUR, MINUTE, SECOND } from './clock';
import { conversationLife } from './conversation-life';
import { cleanUpTestRecords, companyUpkeep, customerCare, shopSync } from './customer-activity';
import { createCompany, createCustomer, importCompanies } from './directory';
import { EXTRA_AGENTS, slug } from './names';
import { createOrgWorld, createPerson, type Teammate } from './people';
import { createBillingAccount, createRules, createSavedSearches, createShortcuts, createWorkflows } from './settings';
import { settingsHistory, settingsScript } from './settings-history';
import { passwordGuessing, workingDays } from './shifts';
import type { Process, Sim } from './sim';
import { createDemoWatches } from './watches';
import type { OrgWorld, Person, TeamKey } from './world';

/** The sign-in accounts the README and `npm start` announce. */
export const DEMO_ACCOUNTS: Teammate[] = [
  { name: 'Dana Whitfield', email: 'admin@demo.test', role: 'admin', team: null },
  { name: 'Marcus Oyelaran', email: 'lead@demo.test', role: 'lead', team: 'tier1' },
  { name: 'Priya Raman', email: 'agent@demo.test', role: 'agent', team: 'tier1' },
  { name: 'Tomás Álvarez', email: 'agent2@demo.test', role: 'agent', team: 'tier2' },
];

const EXTRA_TEAMS: TeamKey[] = ['tier1', 'tier2', 'billing', 'tier1', 'billing', 'tier1', 'tier1', 'tier2'];

/** The colleagues, all agents; the last one is hired a month in. */
function colleagues(): Teammate[] {
  return EXTRA_AGENTS.map((name, i) => ({ name, email: `${slug(name)}@demo.test`, role: 'agent', team: EXTRA_TEAMS[i] ?? 'tier1' }));
}

export interface Volume {
  /** 1 = the full demo: ~200 customers, ~40 companies, ~1,000 conversations. */
  scale: number;
  passwordHash: string;
}

/**
 * "Demo Support": set up on the first simulated morning (provisioning
 * creates the admin, who invites the team and configures the workspace; the
 * CRM imports companies and customers), then every activity of the
 * workspace is started as a process on the timeline.
 */
export async function* demoSupport(sim: Sim, volume: Volume): Process {
  const { random } = sim;
  const n = (full: number) => Math.max(1, Math.round(full * volume.scale));
  const [adminAccount, ...team] = DEMO_ACCOUNTS;
  const org = await createOrgWorld(
    sim,
    {
      name: 'Demo Support',
      domain: 'demo.test',
      teams: { tier1: 'Tier 1', tier2: 'Tier 2', billing: 'Billing' },
      queues: { general: 'General', billing: 'Billing', vip: 'VIP', voice: 'Voice' },
    },
    adminAccount!,
    volume.passwordHash,
  );
  const { id, admin } = org;
  const join = (person: Person) => {
    org.people.push(person);
    if (person.user.role === 'agent') org.agents.push(person);
    if (person.user.role === 'lead') org.leads.push(person);
    sim.spawn(sim.clock.ms, workingDays(sim, org, person));
  };

  // The admin invites the team, then configures the workspace.
  yield sim.clock.ms + 3 * MINUTE;
  const everyone = [...team, ...colleagues()];
  const later = everyone.pop();
  for (const mate of everyone) {
    join(await createPerson(sim, id, mate, volume.passwordHash, admin));
    yield sim.clock.ms + random.int(15, 50) * SECOND;
  }
  yield sim.clock.ms + 5 * MINUTE;
  await createRules(sim, org, ['refunds', 'triage', 'vip', 'reopen', 'sla', 'spam']);
  await createWorkflows(sim, org, ['orderLookup', 'sentiment', 'csat', 'snooze', 'metrics']);
  yield sim.clock.ms + 4 * MINUTE;
  await createShortcuts(sim, org);
  await createSavedSearches(sim, org);
  await createDemoWatches(sim, org);
  await createBillingAccount(sim, org, org.people.length);

  // The CRM import: companies, their people, a few test records cleaned up later.
  yield sim.clock.ms + 20 * MINUTE;
  const crm = org.automations.integrations.crm;
  await importCompanies(sim, org, crm, n(40));
  const testCompany = await createCompany(sim, org, crm, 'Acme Test Account');
  for (let i = 0; i < n(135); i++) await createCustomer(sim, org, crm);
  const testCustomers = [
    await createCustomer(sim, org, crm, { name: 'Test Customer', retired: true }),
    await createCustomer(sim, org, crm, { name: 'QA Do Not Use', retired: true }),
  ];

  const from = sim.clock.ms + HOUR;
  const arrivals = planArrivals(random, from, sim.end, {
    total: n(1000),
    newWriters: n(55),
    duplicateWriters: n(4),
    spam: n(6),
    repeats: n(8),
    sensitive: n(3),
    reopenRate: 0.08,
  });
  for (const { at, intake } of arrivals) sim.spawn(at, conversationLife(sim, org, intake));
  sim.spawn(from, shopSync(sim, org, 14));
  sim.spawn(from, customerCare(sim, org, 5));
  sim.spawn(from, companyUpkeep(sim, org));
  sim.spawn(from, cleanUpTestRecords(sim, org, testCustomers, [testCompany]));
  const hire = async (s: Sim, o: OrgWorld) => {
    if (!later) return;
    join(await createPerson(s, o.id, later, volume.passwordHash, o.admin));
  };
  sim.spawn(from, settingsHistory(sim, org, settingsScript(hire)));
  const target = org.agents.find((p) => p.user.email === 'agent2@demo.test');
  if (target) sim.spawn(sim.start + 0.66 * (sim.end - sim.start), passwordGuessing(sim, org, target));
}
