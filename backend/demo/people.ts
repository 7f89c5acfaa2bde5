import type { Role } from '../../shared/enums';
import { createEntity } from '../audit/engine';
import { userEntity } from '../auth/user-entity';
import { organizations, queues, teams } from '../db/schema';
import { integrations, PROVISIONING, QUEUE_ROUTER } from './actors';
import { USER_AGENTS } from './names';
import { planShifts } from './shifts';
import type { Sim } from './sim';
import type { QueueKey } from './topics';
import type { OrgWorld, Performer, Person, Ref, TeamKey } from './world';

/** A teammate to create: the four sign-in accounts of the demo, then colleagues with realistic names. */
export interface Teammate {
  name: string;
  email: string;
  role: Role;
  team: TeamKey | null;
}

/** Organizations have no audited definition: the one table the seed writes directly. */
export async function createOrganization(sim: Sim, name: string): Promise<string> {
  const id = sim.clock.newId();
  await sim.tx.insert(organizations).values({ id, name, createdAt: sim.clock.now() });
  return id;
}

/**
 * Teams and queues: plain workspace structure with no audited definition
 * either (no lifecycle columns, nothing tracks them), so they are inserted
 * the way organizations are.
 */
export async function createStructure(
  sim: Sim,
  orgId: string,
  teamNames: Partial<Record<TeamKey, string>>,
  queueNames: Partial<Record<QueueKey, string>>,
): Promise<Pick<OrgWorld, 'teams' | 'queues'>> {
  const made = { teams: {} as Partial<Record<TeamKey, Ref>>, queues: {} as Partial<Record<QueueKey, Ref>> };
  for (const [key, name] of Object.entries(teamNames) as [TeamKey, string][]) {
    const id = sim.clock.newId();
    await sim.tx.insert(teams).values({ id, orgId, name, createdAt: sim.clock.now() });
    made.teams[key] = { id, name };
  }
  for (const [key, name] of Object.entries(queueNames) as [QueueKey, string][]) {
    const id = sim.clock.newId();
    await sim.tx.insert(queues).values({ id, orgId, name, createdAt: sim.clock.now() });
    made.queues[key] = { id, name };
  }
  return made;
}

/** What a new workspace is set up with: its name, its teammates' email domain, its teams and queues. */
export interface OrgPlan {
  name: string;
  domain: string;
  teams: Partial<Record<TeamKey, string>>;
  queues: Partial<Record<QueueKey, string>>;
}

/**
 * A new workspace as provisioning leaves it: the organization, its teams and
 * queues, and its admin; no one else yet, and no customers or settings.
 */
export async function createOrgWorld(sim: Sim, plan: OrgPlan, adminAccount: Teammate, passwordHash: string): Promise<OrgWorld> {
  const id = await createOrganization(sim, plan.name);
  const structure = await createStructure(sim, id, plan.teams, plan.queues);
  const admin = await createPerson(sim, id, adminAccount, passwordHash, PROVISIONING);
  return {
    id,
    name: plan.name,
    domain: plan.domain,
    admin,
    people: [admin],
    agents: [],
    leads: [],
    ...structure,
    companies: [],
    customers: [],
    automations: { off: new Set(), rules: {}, workflows: {}, router: QUEUE_ROUTER, integrations: integrations() },
    shortcuts: [],
    savedSearches: [],
  };
}

/**
 * Creates one user through the audit engine (a `create` row under
 * settings/access) and plans their working days from now on. Every demo
 * user shares one password hash: argon2 is slow on purpose.
 */
export async function createPerson(
  sim: Sim,
  orgId: string,
  mate: Teammate,
  passwordHash: string,
  by: Performer,
): Promise<Person> {
  const user = await createEntity(sim.tx, sim.ctx(orgId, by), userEntity, {
    email: mate.email,
    name: mate.name,
    role: mate.role,
    passwordHash,
    disabledAt: null,
  });
  return {
    actor: { type: 'user', id: user.id, name: user.name },
    ip: `10.20.${sim.random.int(0, 40)}.${sim.random.int(2, 250)}`,
    userAgent: sim.random.pick(USER_AGENTS),
    user,
    team: mate.team,
    shifts: planShifts(sim, mate.role),
    routing: null,
  };
}
