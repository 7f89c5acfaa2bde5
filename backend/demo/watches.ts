import { createWatch } from '../entities/watches/changes';
import type { Sim } from './sim';
import type { OrgWorld } from './world';

/*
 * The watches the demo's lead and admin keep from the first day, so the
 * seeded workspace already has their notifications: the lead hears of SLA
 * breaches and of bursts of priority changes, the admin of a run of failed
 * sign-ins (the password guessing a few weeks in).
 */
export async function createDemoWatches(sim: Sim, org: OrgWorld): Promise<void> {
  const lead = org.leads[0];
  if (lead) {
    const watcher = { orgId: org.id, userId: lead.user.id };
    const ctx = sim.ctx(org.id, lead);
    await createWatch(sim.tx, ctx, watcher, {
      name: 'SLA breaches',
      target: filter('event=sla_breach'),
      threshold: null,
      includeOwn: false,
      paused: false,
    });
    await createWatch(sim.tx, ctx, watcher, {
      name: '3+ priority changes in 60 min',
      target: filter('category=conversation&property=priority'),
      threshold: { count: 3, minutes: 60, quietMinutes: 120, perActor: false },
      includeOwn: false,
      paused: false,
    });
  }
  await createWatch(sim.tx, sim.ctx(org.id, org.admin), { orgId: org.id, userId: org.admin.user.id }, {
    name: '5+ failed sign-ins in 10 min',
    target: filter('event=login_failed'),
    threshold: { count: 5, minutes: 10, quietMinutes: 10, perActor: false },
    includeOwn: false,
    paused: false,
  });
}

function filter(text: string) {
  return { subjectType: null, subjectId: null, property: null, value: null, filter: text };
}
