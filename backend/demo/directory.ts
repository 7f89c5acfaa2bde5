import { createEntity } from '../audit/engine';
import { companyEntity } from '../entities/companies/definition';
import { customerEntity } from '../entities/customers/definition';
import { DAY } from './clock';
import { companyNames, CUSTOMER_TAGS, FIRST_NAMES, INDUSTRIES, LAST_NAMES, PLACES, PLANS, slug } from './names';
import type { Sim } from './sim';
import type { CompanyState, CustomerState, OrgWorld, Performer } from './world';

/* The companies and customers of a demo workspace, created through the audit engine. */

export async function createCompany(sim: Sim, org: OrgWorld, by: Performer, name: string): Promise<CompanyState> {
  const { random } = sim;
  const domain = `${slug(name).replace(/\./g, '')}.example`;
  const employeeCount = random.pick([8, 25, 60, 140, 400, 1200, 5000]);
  const tags = [employeeCount >= 400 ? 'enterprise' : 'smb', ...(random.chance(0.3) ? ['partner'] : [])];
  const [location] = random.pick(PLACES);
  const row = await createEntity(sim.tx, sim.ctx(org.id, by), companyEntity, {
    name,
    externalId: `CRM-${String(random.int(10_000, 99_999))}`,
    avatarUrl: null,
    emails: [`support@${domain}`],
    phones: [`+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`],
    socials: { linkedin: `linkedin.com/company/${slug(name).replace(/\./g, '-')}` },
    urls: [`https://${domain}`],
    location,
    domain,
    employeeCount,
    tags,
    defaultLanguage: 'en',
    custom: { industry: random.pick(INDUSTRIES), tier: employeeCount >= 400 ? 'gold' : 'silver' },
  });
  return { id: row.id, name: row.name, domain, tags, employeeCount };
}

export async function importCompanies(sim: Sim, org: OrgWorld, by: Performer, count: number): Promise<void> {
  for (const name of companyNames(sim.random, count)) org.companies.push(await createCompany(sim, org, by, name));
}

export interface NewCustomer {
  /** Give the customer this name (a duplicate record of someone, or a test contact). */
  name?: string;
  /** Never picked for new conversations. */
  retired?: boolean;
}

/** One customer: a person, often working at one of the org's companies, with the custom attributes the shop syncs. */
export async function createCustomer(sim: Sim, org: OrgWorld, by: Performer, wanted: NewCustomer = {}): Promise<CustomerState> {
  const { random } = sim;
  const name = wanted.name ?? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
  const company = org.companies.length > 0 && random.chance(0.55) ? random.pick(org.companies) : null;
  const [location, timezone, language] = random.pick(PLACES);
  const handle = slug(name);
  const suffix = random.int(1, 99);
  const email = company ? `${handle}@${company.domain}` : `${handle}${suffix}@${random.pick(['example.com', 'example.org', 'example.net'])}`;
  const tags = random.chance(0.25) ? random.sample(CUSTOMER_TAGS, random.int(1, 2)) : [];
  const plan = random.weighted(PLANS.map((p, i) => [p, [5, 4, 2, 1][i] ?? 1] as const));
  const ordersCount = random.int(0, 12);
  const lifetimeValue = Math.round(ordersCount * random.between(20, 140) * 100) / 100;
  const signedUp = new Date(sim.clock.ms - random.int(10, 900) * DAY);
  const row = await createEntity(sim.tx, sim.ctx(org.id, by), customerEntity, {
    name,
    username: random.chance(0.4) ? `${handle.replace(/\./g, '_')}${suffix}` : null,
    avatarUrl: random.chance(0.3) ? `https://avatars.example.com/${handle}.png` : null,
    emails: [email],
    phones: random.chance(0.6) ? [`+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`] : [],
    urls: [],
    location,
    timezone,
    birthday: random.chance(0.2) ? `${random.int(1955, 2004)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}` : null,
    gender: null,
    tags,
    defaultLanguage: language,
    companyId: company?.id ?? null,
    companyExternalId: null,
    signedUpAt: signedUp.toISOString(),
    socials: random.chance(0.3) ? { twitter: `@${handle.replace(/\./g, '')}` } : {},
    facebookId: null,
    custom: { plan, lifetimeValue, ordersCount },
  });
  const customer: CustomerState = {
    id: row.id,
    name,
    companyId: company?.id ?? null,
    language,
    tags,
    plan,
    lifetimeValue,
    ordersCount,
    retired: wanted.retired ?? false,
  };
  org.customers.push(customer);
  return customer;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A customer to write a new conversation: mostly returning customers (some write often), sometimes someone new. */
export function pickWriter(sim: Sim, org: OrgWorld): CustomerState | null {
  const active = org.customers.filter((c) => !c.retired);
  if (active.length === 0) return null;
  // Earlier customers are likelier: a few regulars write most conversations.
  const index = Math.floor(active.length * sim.random.next() ** 1.6);
  return active[index] ?? null;
}
