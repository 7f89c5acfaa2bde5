import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AgentStatus } from '../../../shared/enums';
import { flag, lifecycle } from './columns';
import { organizations, users } from './workspace';

/** An agent's routing state; its id is the user's id, so the subject of routing events is the agent. */
export const agentStates = sqliteTable('agent_states', {
  id: text('id')
    .primaryKey()
    .references(() => users.id),
  orgId: text('org_id').notNull().references(() => organizations.id),
  online: flag('online').notNull(),
  status: text('status').$type<AgentStatus>().notNull(),
  routable: flag('routable').notNull(),
  capacity: integer('capacity').notNull(),
  remainingCapacity: integer('remaining_capacity').notNull(),
  ...lifecycle(),
});
