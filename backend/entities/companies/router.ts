import { like, or } from 'drizzle-orm';
import { CompanyCreate, CompanyPatch } from '../../../shared/schemas/companies';
import { companies } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { crudRoutes } from '../crud-routes';
import { companyEntity } from './definition';

export function companiesRouter(deps: AppDeps) {
  return crudRoutes(deps, {
    def: companyEntity,
    create: CompanyCreate,
    patch: CompanyPatch,
    read: 'support:read',
    write: 'support:write',
    searchable: (q) => or(like(companies.name, `%${q}%`), like(companies.domain, `%${q}%`)),
  });
}
