import type { Principal } from '../auth/principal';

/** What middleware puts on the Hono context for handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | null;
  };
}
