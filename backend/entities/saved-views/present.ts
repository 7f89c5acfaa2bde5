import type { SavedView } from '../../../shared/api-client-responses';
import { auditCategoriesOf, can } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { readableFilter } from './readable-filter';
import type { VisibleView } from './visible';

/** A view as its viewer gets it: whose it is, what they may do with it, and its filter within their role. */
export function presentView(view: VisibleView, principal: Principal): SavedView {
  const userId = principal.user?.id ?? '';
  const mine = view.ownerId === userId;
  const readable = readableFilter(view.filter, auditCategoriesOf(principal));
  return {
    id: view.id,
    name: view.name,
    filter: view.filter,
    shared: view.shared,
    owner: { id: view.ownerId, name: view.ownerName },
    mine,
    canDelete: mine || (view.shared && can(principal, 'views:remove_shared')),
    default: view.defaultFor.includes(userId),
    narrowed: readable.narrowed,
    readableFilter: readable.filter,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
