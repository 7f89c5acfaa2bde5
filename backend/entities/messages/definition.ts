import { defineEntity } from '../../audit/definition';
import { messages } from '../../db/schema';

/**
 * Messages. The label never quotes the body: labels are copied onto audit
 * rows, and redaction must be able to remove every copy of the content.
 */
export const messageEntity = defineEntity({
  subjectType: 'message',
  table: messages,
  category: 'conversation',
  section: 'message',
  tracked: ['body', 'direction', 'channel', 'author'],
  label: (row) => `${row.direction === 'in' ? 'Inbound' : 'Outbound'} ${row.channel} message`,
  links: (row) => ({ customerId: row.customerId, conversationId: row.conversationId }),
});
