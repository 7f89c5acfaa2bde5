import type { AgentStatus, Role } from '../../shared/enums';
import { appendAudit, createEntity, draftFor, updateEntity } from '../audit/engine';
import { userEntity } from '../auth/user-entity';
import { DEFAULT_CAPACITY } from '../entities/routing/agent-state';
import { agentEntityNamed } from '../entities/routing/definition';
import { DAY, HOUR, MINUTE, SECOND } from './clock';
import type { Process, Sim } from './sim';
import type { OrgWorld, Performer, Person, Shift } from './world';

/**
 * Working days: when each teammate works, signs in and out, and switches
 * their routing status (available, away for lunch, busy on a call, offline).
 * Times are UTC; agents work early or late shifts, a few cover weekends.
 */
export function planShifts(sim: Pick<Sim, 'random' | 'clock' | 'start' | 'end'>, role: Role): (Shift | null)[] {
  const { random } = sim;
  const first = Math.floor(sim.start / DAY) * DAY;
  const early = random.chance(0.5);
  const shifts: (Shift | null)[] = [];
  for (let midnight = first; midnight < sim.end; midnight += DAY) {
    const weekday = new Date(midnight).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const works = role === 'agent' ? random.chance(weekend ? 0.22 : 0.88) : !weekend && random.chance(0.9);
    const startHour = role !== 'agent' ? 8.5 : weekend ? 9 : early ? 7 : 11;
    const start = midnight + startHour * HOUR + random.int(-15, 20) * MINUTE;
    const end = start + 8 * HOUR + random.int(-10, 25) * MINUTE;
    // Nobody works before their account exists.
    shifts.push(works && start > sim.clock.ms + 30 * MINUTE ? { start, end, breaks: role === 'agent' ? breaksOf(sim, start, end) : [] } : null);
  }
  return shifts;
}

/**
 * A shift's pauses: lunch (away) mid-shift, and in the morning and the
 * afternoon one to three blocks busy on calls or meetings, or a short coffee
 * break (away). Each block sits in its own slot, so blocks never overlap.
 */
function breaksOf({ random }: Pick<Sim, 'random'>, start: number, end: number): Shift['breaks'] {
  const lunchStart = start + 4 * HOUR + random.int(-30, 30) * MINUTE;
  const lunch = { start: lunchStart, end: lunchStart + random.int(30, 55) * MINUTE, status: 'away' as const };
  const blocks = (from: number, to: number): Shift['breaks'] => {
    const count = random.int(1, 3);
    const slot = (to - from) / count;
    return Array.from({ length: count }, (_, i) => {
      const length = Math.min(slot - 5 * MINUTE, random.int(8, 40) * MINUTE);
      const at = Math.round(from + i * slot + random.next() * (slot - length));
      return { start: at, end: at + Math.round(length), status: random.chance(0.75) ? ('busy' as const) : ('away' as const) };
    });
  };
  return [...blocks(start + 30 * MINUTE, lunch.start - 15 * MINUTE), lunch, ...blocks(lunch.end + 15 * MINUTE, end - 20 * MINUTE)];
}

/**
 * The first moment from `at` on when `person` is at work and not on a break:
 * `at` itself, or a few minutes into their next shift or after their break.
 * Infinity when they do not work again in the simulated window.
 */
export function nextAtWork(sim: Pick<Sim, 'random' | 'start'>, person: Person, at: number): number {
  const first = Math.floor(sim.start / DAY) * DAY;
  for (let day = Math.max(0, Math.floor((at - first) / DAY) - 1); day < person.shifts.length; day++) {
    const shift = person.shifts[day];
    if (!shift || shift.end <= at) continue;
    const from = Math.max(at, shift.start);
    const pause = shift.breaks.find((b) => from >= b.start && from < b.end);
    if (pause) return pause.end + sim.random.int(2, 10) * MINUTE;
    return from === at ? at : from + sim.random.int(5, 30) * MINUTE;
  }
  return Infinity;
}

/** Whether `person` is at work (on shift, not on a break) at `at`. */
export function atWork(sim: Pick<Sim, 'start'>, person: Person, at: number): boolean {
  const first = Math.floor(sim.start / DAY) * DAY;
  const shift = person.shifts[Math.floor((at - first) / DAY)];
  return !!shift && at >= shift.start && at < shift.end && !shift.breaks.some((b) => at >= b.start && at < b.end);
}

const TEAM_PULSE = { category: 'work_session', section: 'team_pulse', context: { via: 'team_pulse' } } as const;

/**
 * An agent's (or an admin's, from Team Pulse) switch of the agent's routing
 * status: the same change as setAgentStatus in backend/entities/routing/
 * agent-state.ts (online and routable follow from the status; the first
 * sign-on creates the state offline first), minus its lookup of the
 * current state, which the simulation already holds.
 */
export async function switchStatus(sim: Sim, org: OrgWorld, person: Person, status: AgentStatus, viaTeamPulse?: Person) {
  const ctx = sim.ctx(org.id, viaTeamPulse ?? person);
  const filing = viaTeamPulse ? TEAM_PULSE : {};
  const def = agentEntityNamed(person.user.name);
  const id = person.user.id;
  const offline = { id, status: 'offline' as const, online: false, routable: false, capacity: DEFAULT_CAPACITY, remainingCapacity: DEFAULT_CAPACITY };
  const current = person.routing ?? (await createEntity(sim.tx, ctx, def, offline, filing));
  const change = { status, online: status !== 'offline', routable: status === 'available' };
  const event = status === current.status ? 'update' : 'status_changed';
  person.routing = (await updateEntity(sim.tx, ctx, def, id, change, { ...filing, event })).row;
}

/** A sign-in, failed sign-in or sign-out, recorded the way backend/auth/login.ts and logout.ts draft them. */
export async function recordSession(sim: Sim, org: OrgWorld, person: Person, event: 'login' | 'login_failed' | 'logout', from: Performer = person) {
  const filing = { category: 'authorization', section: 'user_login' } as const;
  await appendAudit(sim.tx, sim.ctx(org.id, from), [
    draftFor(userEntity, person.user, filing, { event, property: null, before: null, after: null }),
  ]);
}

/** One teammate's working days, from their first shift to the end of the simulated window. */
export async function* workingDays(sim: Sim, org: OrgWorld, person: Person): Process {
  for (const shift of person.shifts) {
    if (!shift || shift.start - 10 * MINUTE < sim.clock.ms) continue;
    yield shift.start - sim.random.int(2, 8) * MINUTE;
    if (sim.random.chance(0.04)) {
      await recordSession(sim, org, person, 'login_failed');
      yield sim.clock.ms + sim.random.int(8, 40) * SECOND;
    }
    await recordSession(sim, org, person, 'login');
    const routed = person.user.role === 'agent';
    if (routed) {
      yield sim.clock.ms + sim.random.int(20, 120) * SECOND;
      await switchStatus(sim, org, person, 'available');
      for (const pause of shift.breaks) {
        yield pause.start;
        await switchStatus(sim, org, person, pause.status);
        yield pause.end;
        await switchStatus(sim, org, person, 'available');
      }
    }
    yield shift.end;
    if (routed && sim.random.chance(0.05)) {
      // Forgot to go offline: an admin notices on the Team Pulse chart.
      yield sim.clock.ms + sim.random.int(30, 120) * MINUTE;
      await switchStatus(sim, org, person, 'offline', org.admin);
    } else if (routed) {
      await switchStatus(sim, org, person, 'offline');
    }
    if (sim.random.chance(0.6)) await recordSession(sim, org, person, 'logout');
  }
}

/** Someone guesses a teammate's password at night from an unknown address: a burst of failed sign-ins. */
export async function* passwordGuessing(sim: Sim, org: OrgWorld, target: Person): Process {
  const attacker: Performer = { actor: target.actor, ip: '185.220.101.47', userAgent: 'python-requests/2.31.0' };
  yield Math.floor(sim.clock.ms / DAY) * DAY + DAY + 3 * HOUR + 12 * MINUTE;
  for (let attempt = 0; attempt < 6; attempt++) {
    await recordSession(sim, org, target, 'login_failed', attacker);
    yield sim.clock.ms + sim.random.int(4, 25) * SECOND;
  }
}
