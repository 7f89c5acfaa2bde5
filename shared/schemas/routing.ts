import * as v from 'valibot';
import { AGENT_STATUSES } from '../enums';
import { Id, IdList, Text } from './common';

/** How many conversations an agent can work at once. */
const Capacity = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));

/** An agent (or someone allowed to) switches the agent's routing status, optionally with a new capacity. */
export const AgentStatusChange = v.strictObject({
  status: v.picklist(AGENT_STATUSES),
  capacity: v.optional(Capacity),
});

/** An admin switches an agent's status from the Team Pulse chart. */
export const TeamPulseStatusChange = v.strictObject({
  status: v.picklist(AGENT_STATUSES),
});

/** The queue router reports how many more conversations an agent can take. */
export const RemainingCapacityChange = v.strictObject({
  remainingCapacity: Capacity,
});

/** A conversation enters a queue, through a queue rule and/or the IVR. */
export const EnqueueRequest = v.strictObject({
  queueId: Id,
  queueRule: v.optional(v.nullable(Text(200)), null),
  ivr: v.optional(v.boolean()),
});

/** Someone accepts a routed conversation; without `userId`, the caller does. */
export const AcceptRequest = v.strictObject({
  userId: v.optional(Id),
});

/** The users and/or teams a conversation is assigned to (each list replaces the current one). */
export const AssignRequest = v.pipe(
  v.strictObject({
    assignedUsers: v.optional(IdList),
    assignedTeams: v.optional(IdList),
  }),
  v.check((a) => a.assignedUsers !== undefined || a.assignedTeams !== undefined, 'name assignedUsers, assignedTeams or both'),
);

export type AgentStatusChangeInput = v.InferOutput<typeof AgentStatusChange>;
export type EnqueueInput = v.InferOutput<typeof EnqueueRequest>;
export type AssignInput = v.InferOutput<typeof AssignRequest>;
