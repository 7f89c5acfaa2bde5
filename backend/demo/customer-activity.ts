import { deleteEntity, type EntityPatch, updateEntity } from '../audit/engine';
import type { companies, customers } from '../db/schema';
import { companyEntity } from '../entities/companies/definition';
import { customerEntity } from '../entities/customers/definition';
import { mergeCustomer } from '../entities/customers/merge';
import { DAY, HOUR } from './clock';
import { pickWriter } from './directory';
import { PLACES, PLANS } from './names';
import { atWork, nextAtWork } from './shifts';
import type { Process, Sim } from './sim';
import type { CompanyState, CustomerState, OrgWorld, Person } from './world';

/*
 * What happens to customers and companies besides conversations: the shop
 * syncs orders onto customers, agents fix details, leads tidy companies,
 * the CRM syncs accounts, and duplicates and test records are cleaned up.
 */

/** Waits an exponential gap: on average `perDay` events a day. */
function nextAfter(sim: Sim, perDay: number): number {
  return sim.clock.ms + Math.round((-Math.log(1 - sim.random.next()) * DAY) / perDay);
}

/** Shopify sync: each order updates the customer's order count, lifetime value and last order (one change, several attributes). */
export async function* shopSync(sim: Sim, org: OrgWorld, perDay: number): Process {
  const shop = org.automations.integrations.shopify;
  for (;;) {
    yield nextAfter(sim, perDay);
    const customer = pickWriter(sim, org);
    if (!customer) continue;
    const total = Math.round(sim.random.between(15, 250) * 100) / 100;
    customer.ordersCount += 1;
    customer.lifetimeValue = Math.round((customer.lifetimeValue + total) * 100) / 100;
    const custom: Record<string, unknown> = {
      ordersCount: customer.ordersCount,
      lifetimeValue: customer.lifetimeValue,
      lastOrderAt: new Date(sim.clock.ms).toISOString(),
      lastOrderNumber: `#${sim.random.int(10_000, 99_999)}`,
      lastOrderTotal: total,
    };
    if (sim.random.chance(0.08)) custom.plan = customer.plan = sim.random.pick(PLANS);
    await updateEntity(sim.tx, sim.ctx(org.id, shop), customerEntity, customer.id, { custom });
  }
}

/** Agents at work correct and complete customer details while they talk to them. */
export async function* customerCare(sim: Sim, org: OrgWorld, perDay: number): Process {
  const { random } = sim;
  for (;;) {
    yield nextAfter(sim, perDay);
    const agents = org.agents.filter((a) => atWork(sim, a, sim.clock.ms));
    const customer = pickWriter(sim, org);
    if (agents.length === 0 || !customer) continue;
    const agent = random.pick(agents);
    const [location, timezone, language] = random.pick(PLACES);
    const tag = random.pick(['vip', 'churn-risk', 'newsletter', 'wholesale']);
    const patch = random.weighted<EntityPatch<typeof customers>>([
      [{ phones: [`+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`] }, 3],
      [{ location, timezone }, 2],
      [{ defaultLanguage: language }, 1],
      [{ birthday: `${random.int(1960, 2003)}-0${random.int(1, 9)}-1${random.int(0, 9)}` }, 1],
      [{ tags: customer.tags.includes(tag) ? customer.tags.filter((t) => t !== tag) : [...customer.tags, tag] }, 3],
      [{ custom: { preferredContact: random.pick(['email', 'phone', 'chat']) } }, 2],
    ]);
    const { row } = await updateEntity(sim.tx, sim.ctx(org.id, agent), customerEntity, customer.id, patch);
    customer.tags = row.tags;
  }
}

/** Leads keep company records current; once a week the CRM syncs account figures. */
export async function* companyUpkeep(sim: Sim, org: OrgWorld): Process {
  const { random } = sim;
  const editors = [...org.leads, org.admin];
  for (let week = 1; ; week++) {
    yield nextAfter(sim, 0.6);
    const company = org.companies.length > 0 ? random.pick(org.companies) : null;
    const editor = editors.find((p) => atWork(sim, p, sim.clock.ms));
    if (company && editor) await editCompany(sim, org, editor, company);
    if (sim.clock.ms - sim.start > week * 7 * DAY) await crmSync(sim, org);
  }
}

async function editCompany(sim: Sim, org: OrgWorld, editor: Person, company: CompanyState): Promise<void> {
  const { random } = sim;
  const patch = random.weighted<EntityPatch<typeof companies>>([
    [{ employeeCount: Math.max(1, Math.round(company.employeeCount * random.between(0.9, 1.3))) }, 2],
    [{ tags: [...new Set([...company.tags, random.pick(['renewal-due', 'key-account', 'at-risk'])])] }, 2],
    [{ custom: { tier: random.pick(['silver', 'gold', 'platinum']) } }, 1],
  ]);
  const { row } = await updateEntity(sim.tx, sim.ctx(org.id, editor), companyEntity, company.id, patch);
  company.tags = row.tags;
  company.employeeCount = row.employeeCount ?? company.employeeCount;
}

async function crmSync(sim: Sim, org: OrgWorld): Promise<void> {
  const crm = org.automations.integrations.crm;
  const owners = org.leads.length > 0 ? org.leads : [org.admin];
  for (const company of sim.random.sample(org.companies, Math.min(5, org.companies.length))) {
    const custom = { arr: sim.random.int(2, 400) * 1_000, accountOwner: sim.random.pick(owners).user.name };
    await updateEntity(sim.tx, sim.ctx(org.id, crm), companyEntity, company.id, { custom });
  }
}

/** Merges a duplicate customer record into the original, the way POST /customers/:id/merge does. */
export async function mergeCustomers(sim: Sim, org: OrgWorld, by: Person, duplicate: CustomerState, original: CustomerState): Promise<void> {
  const ctx = sim.ctx(org.id, by);
  const row = await mergeCustomer(sim.tx, ctx, duplicate.id, original.id);
  original.tags = row.tags;
  duplicate.retired = true;
}

/** The admin deletes the test records the first import brought in. */
export async function* cleanUpTestRecords(sim: Sim, org: OrgWorld, customers: CustomerState[], companies: CompanyState[]): Process {
  yield nextAtWork(sim, org.admin, sim.clock.ms + sim.random.int(20, 60) * HOUR);
  for (const customer of customers) {
    await deleteEntity(sim.tx, sim.ctx(org.id, org.admin), customerEntity, customer.id);
    yield sim.clock.ms + sim.random.int(10, 90) * 1000;
  }
  for (const company of companies) {
    await deleteEntity(sim.tx, sim.ctx(org.id, org.admin), companyEntity, company.id);
  }
}
