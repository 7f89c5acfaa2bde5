import { Hono } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../../shared/schemas/safe-string';
import { ShortcutApply } from '../../../shared/schemas/shortcuts';
import { withChange } from '../../audit/context';
import { principalOf } from '../../auth/authenticate';
import type { Principal } from '../../auth/principal';
import { requires } from '../../auth/require';
import type { MessageAuthor } from '../../db/schema';
import type { AppEnv } from '../../http/app-env';
import { auditContext } from '../../http/audit-context';
import type { AppDeps } from '../../deps';
import { validate } from '../../http/validate';
import { presentEntity } from '../present';
import { applyShortcut } from './apply';

const Params = v.object({
  id: v.pipe(SafeString, v.maxLength(64)),
  shortcutId: v.pipe(SafeString, v.maxLength(64)),
});

/** `POST /conversations/:id/shortcuts/:shortcutId/apply`, mounted under the conversations path. */
export function shortcutApplyRouter(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:id/shortcuts/:shortcutId/apply',
    requires('support:write'),
    validate('param', Params),
    validate('json', ShortcutApply),
    async (c) => {
      const { id, shortcutId } = c.req.valid('param');
      const ctx = withChange(auditContext(c, deps));
      const author = authorOf(principalOf(c));
      const { conversation, message } = await deps.writes.run((tx) =>
        applyShortcut(tx, ctx, { conversationId: id, shortcutId, sendMessage: c.req.valid('json').sendMessage, author }),
      );
      return c.json({ conversation: presentEntity(conversation), message: message ? presentEntity(message) : null });
    },
  );
}

/** The author of a message a teammate sends (as POST /conversations/:id/messages does). */
function authorOf(principal: Principal): MessageAuthor {
  return principal.user
    ? { type: 'user', id: principal.user.id, name: principal.user.name }
    : { type: 'automation', id: principal.apiKey?.id ?? null, name: principal.actor.name };
}
