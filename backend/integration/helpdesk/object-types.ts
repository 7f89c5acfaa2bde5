import type { Category, Section, SubjectType } from '../../../shared/enums';

/** Where the changes of one kind of helpdesk object are filed: as the workspace's own objects of that kind. */
export interface ObjectFiling {
  subjectType: Extract<SubjectType, 'customer' | 'conversation' | 'company'>;
  category: Category;
  section: Section;
  /** How a label is made when the payload gives none: "<Type> <id>". */
  typeLabel: string;
}

const CUSTOMER: ObjectFiling = { subjectType: 'customer', category: 'customer', section: 'customer', typeLabel: 'Customer' };
const CONVERSATION: ObjectFiling = { subjectType: 'conversation', category: 'conversation', section: 'conversation', typeLabel: 'Conversation' };
const COMPANY: ObjectFiling = { subjectType: 'company', category: 'customer', section: 'company', typeLabel: 'Company' };

/**
 * The object types a helpdesk webhook may carry, by name (any case), with
 * the names Zendesk gives the same objects. Anything else is refused (422
 * unsupported_object_type): the log files an event by what it is about, and
 * guessing would file it wrong.
 */
const FILINGS: ReadonlyMap<string, ObjectFiling> = new Map([
  ['customer', CUSTOMER],
  ['conversation', CONVERSATION],
  ['ticket', CONVERSATION],
  ['company', COMPANY],
  ['organization', COMPANY],
]);

export const SUPPORTED_OBJECT_TYPES = [...FILINGS.keys()];

/** Where changes of objects of `type` are filed, or undefined when the type is not supported. */
export function filingOf(type: string): ObjectFiling | undefined {
  return FILINGS.get(type.toLowerCase());
}
