import { like } from 'drizzle-orm';
import { BusinessRuleCreate, BusinessRulePatch } from '../../../shared/schemas/business-rules';
import { businessRules } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { crudRoutes } from '../crud-routes';
import { enableRoutes } from '../enable-routes';
import { businessRuleEntity } from './definition';

/**
 * `/business-rules`: admins only, reads included (a rule's criteria and
 * actions are workspace configuration, not something agents use directly),
 * hence `settings:write` for both.
 */
export function businessRulesRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: businessRuleEntity,
    create: BusinessRuleCreate,
    patch: BusinessRulePatch,
    read: 'settings:write',
    write: 'settings:write',
    searchable: (q) => like(businessRules.name, `%${q}%`),
  }).route('/', enableRoutes(deps, businessRuleEntity, 'settings:write'));
}
