import { defineEntity, NO_LINKS } from '../audit/definition';
import { apiKeys } from '../db/schema';

/** API keys, filed under access. Only the prefix is recorded, never the secret or its hash. */
export const apiKeyEntity = defineEntity({
  subjectType: 'api_key',
  table: apiKeys,
  category: 'settings',
  section: 'access',
  tracked: ['name', 'kind', 'prefix', 'scopes', 'revokedAt'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
