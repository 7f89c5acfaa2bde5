import { defineEntity, NO_LINKS } from '../../audit/definition';
import { agentStates } from '../../db/schema';

/**
 * An agent's routing state (online/offline, status,
 * routable, remaining capacity). The row's id is the user's id and holds no
 * name, so this default labels the subject by id; routes write through
 * `agentEntityNamed` instead, which labels it with the agent's name.
 */
export const agentEntity = defineEntity({
  subjectType: 'agent',
  table: agentStates,
  category: 'work_session',
  section: 'routing',
  tracked: ['online', 'status', 'routable', 'capacity', 'remainingCapacity'],
  label: (row) => `Agent ${row.id}`,
  links: () => NO_LINKS,
});

/**
 * The agent definition labelled with the agent's display name at the time of
 * the change, the way audit rows keep the actor's name. The engine asks the
 * definition for a label synchronously, so the caller looks the name up first
 * (it looks the user up anyway, to check they exist in the organization).
 */
export function agentEntityNamed(name: string): typeof agentEntity {
  return { ...agentEntity, label: () => name };
}
