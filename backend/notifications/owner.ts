import type { Principal } from '../auth/principal';

/** The person whose notifications a request reads or marks. */
export interface NotificationOwner {
  orgId: string;
  userId: string;
}

/** The caller as an owner: every notifications route requires `watches:use`, which only people hold. */
export function ownerOf(principal: Principal): NotificationOwner {
  if (!principal.user) throw new Error('A notifications route was reached without a signed-in person: it must require watches:use.');
  return { orgId: principal.orgId, userId: principal.user.id };
}
