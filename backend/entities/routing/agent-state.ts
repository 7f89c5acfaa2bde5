import { and, eq, isNull } from 'drizzle-orm';
import type { AgentStatus } from '../../../shared/enums';
import { type AuditContext, withChange } from '../../audit/context';
import { type ChangeOptions, createEntity, findEntity, getEntity, updateEntity } from '../../audit/engine';
import type { Reader, Tx } from '../../db/sql';
import { agentStates, users } from '../../db/schema';
import { ApiError } from '../../errors';
import { presentEntity } from '../present';
import { agentEntityNamed } from './definition';

/** Capacity of an agent who never set one: a few conversations at once. */
export const DEFAULT_CAPACITY = 5;

export interface AgentUser {
  id: string;
  name: string;
}

type AgentState = typeof agentStates.$inferSelect;

/** The user an agent state belongs to: a live user of the organization, else 404. */
export async function agentUser(db: Reader | Tx, orgId: string, userId: string): Promise<AgentUser> {
  const [user] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), isNull(users.deletedAt)))
    .limit(1);
  if (!user) throw ApiError.notFound('user');
  return user;
}

/** An agent state as the API serves it: the state plus the agent's name. */
export function presentAgent(state: AgentState, name: string) {
  return { ...presentEntity(state), name };
}

/**
 * Switches an agent to `status`. Online and routable follow from the status
 * (both are tracked: going offline/online, and switching to a status that
 * gets routed conversations). A new capacity keeps the number of conversations
 * in progress, so remaining capacity moves by the same amount.
 *
 * An agent without a routing state has never been online: the state is
 * created offline first, then switched, in one change. That way the first
 * sign-on reads like every later one (online false → true, status offline →
 * available) instead of hiding inside a snapshot.
 *
 * `filing` says where the rows go: routing for the agent's own switch, team
 * pulse when an admin does it from the chart.
 */
export async function setAgentStatus(
  tx: Tx,
  baseCtx: AuditContext,
  user: AgentUser,
  change: { status: AgentStatus; capacity?: number | undefined },
  filing: ChangeOptions = {},
): Promise<AgentState> {
  const ctx = withChange(baseCtx);
  const def = agentEntityNamed(user.name);
  const current =
    (await findEntity(tx, ctx.orgId, def, user.id)) ??
    (await createEntity(tx, ctx, def, offlineState(user.id, change.capacity ?? DEFAULT_CAPACITY), filing));
  const capacity = change.capacity ?? current.capacity;
  const inProgress = current.capacity - current.remainingCapacity;
  const { row } = await updateEntity(
    tx,
    ctx,
    def,
    user.id,
    {
      status: change.status,
      online: change.status !== 'offline',
      routable: change.status === 'available',
      capacity,
      remainingCapacity: Math.max(0, capacity - inProgress),
    },
    { ...filing, event: change.status === current.status ? 'update' : 'status_changed' },
  );
  return row;
}

function offlineState(id: string, capacity: number) {
  return { id, status: 'offline' as const, online: false, routable: false, capacity, remainingCapacity: capacity };
}

/** Sets how many more conversations an agent can take; never more than their capacity. */
export async function setRemainingCapacity(
  tx: Tx,
  ctx: AuditContext,
  user: AgentUser,
  remainingCapacity: number,
  options: ChangeOptions = {},
): Promise<AgentState> {
  const def = agentEntityNamed(user.name);
  const current = await getEntity(tx, ctx.orgId, def, user.id);
  if (remainingCapacity > current.capacity) {
    throw ApiError.badRequest('remainingCapacity cannot exceed the agent’s capacity.', [
      { path: 'remainingCapacity', message: `at most ${current.capacity}` },
    ]);
  }
  const { row } = await updateEntity(tx, ctx, def, user.id, { remainingCapacity }, options);
  return row;
}

/**
 * One conversation more in progress for an agent who has a routing state.
 * At zero it stays zero: a person may still take a conversation by hand
 * beyond what routing would give them.
 */
export async function takeCapacity(tx: Tx, ctx: AuditContext, user: AgentUser, options: ChangeOptions = {}): Promise<void> {
  const def = agentEntityNamed(user.name);
  const state = await findEntity(tx, ctx.orgId, def, user.id);
  if (!state || state.remainingCapacity === 0) return;
  await updateEntity(tx, ctx, def, user.id, { remainingCapacity: state.remainingCapacity - 1 }, options);
}
