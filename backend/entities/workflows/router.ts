import { like } from 'drizzle-orm';
import { WorkflowCreate, WorkflowPatch } from '../../../shared/schemas/workflows';
import { workflows } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { crudRoutes } from '../crud-routes';
import { enableRoutes } from '../enable-routes';
import { workflowEntity } from './definition';

/** `/workflows`: admins only, reads included, hence `settings:write` for both. */
export function workflowsRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: workflowEntity,
    create: WorkflowCreate,
    patch: WorkflowPatch,
    read: 'settings:write',
    write: 'settings:write',
    searchable: (q) => like(workflows.name, `%${q}%`),
  }).route('/', enableRoutes(deps, workflowEntity, 'settings:write'));
}
