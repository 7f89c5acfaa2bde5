import { defineEntity, NO_LINKS } from '../audit/definition';
import { users } from '../db/schema';

/** Users, filed under access. The password hash is never a tracked property. */
export const userEntity = defineEntity({
  subjectType: 'user',
  table: users,
  category: 'settings',
  section: 'access',
  tracked: ['name', 'email', 'role'],
  label: (row) => row.name,
  links: () => NO_LINKS,
});
