import type { Person } from '../auth/principal';

/** The person whose notifications a request reads or marks. */
export type NotificationOwner = Person;
