/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import * as v from 'valibot';
import { SafeString } from '../../shared/schemas/safe-string';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';

import { signedIn, viewerOf } from './guard';
import { HomePage } from './home-page';
import { listCustomers, recentConversations } from './queries';
import { render } from './render';

const HomeQuery = v.object({
  q: v.optional(v.pipe(SafeString, v.trim(), v.maxLength(200)), ''),
  cursor: v.optional(v.pipe(SafeString, v.maxLength(200))),
});

/** `/workspace`: customer search and list, and the conversations that changed last. */
export function homeRoutes(deps: AppDeps) {
  const { reader } = deps.db;
  return new Hono<AppEnv>().get('/', signedIn('support:read'), async (c) => {
    const query = v.safeParse(HomeQuery, c.req.query());
    if (!query.success) throw ApiError.badRequest('The search is not valid.');
    const { q, cursor } = query.output;
    const viewer = await viewerOf(c, reader);
    const [customers, recent] = await Promise.all([
      listCustomers(reader, viewer.orgId, { q, cursor }),
      recentConversations(reader, viewer.orgId),
    ]);
    return render(
      c,
      <HomePage
        viewer={viewer}
        q={q}
        customers={customers.rows}
        nextCursor={customers.nextCursor}
        paged={Boolean(cursor)}
        recent={recent}
      />,
    );
  });
}
