import { Hono } from 'hono';
import * as v from 'valibot';
import { Id } from '../../../shared/schemas/common';
import { TeamPulseStatusChange } from '../../../shared/schemas/routing';
import { requires } from '../../auth/require';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { agentUser, presentAgent, setAgentStatus } from '../routing/agent-state';

const UserParam = v.object({ userId: Id });

/**
 * `/team-pulse`: an admin changes an agent's status from the Team Pulse
 * chart. The same change as the agent's own switch, filed under team pulse
 * so the log says where it was made.
 */
export function teamPulseRouter(deps: AppDeps) {
  return new Hono<AppEnv>().put(
    '/agents/:userId/status',
    requires('team_pulse:write'),
    validate('param', UserParam),
    validate('json', TeamPulseStatusChange),
    async (c) => {
      const ctx = auditContext(c, deps);
      const result = await deps.writes.run(async (tx) => {
        const user = await agentUser(tx, ctx.orgId, c.req.valid('param').userId);
        const state = await setAgentStatus(tx, ctx, user, c.req.valid('json'), {
          category: 'work_session',
          section: 'team_pulse',
          context: { via: 'team_pulse' },
        });
        return presentAgent(state, user.name);
      });
      return c.json(result);
    },
  );
}
