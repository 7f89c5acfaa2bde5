import { defineEntity } from '../../audit/definition';
import { messages } from '../../db/schema';
import { ApiError } from '../../errors';

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
  restore: {
    toPatch: async (_tx, _ctx, patch, current) => {
      if (current.redactedAt) throw redactedError();
      return patch;
    },
  },
});

/** A redacted message has no content left to edit, restore or redact again. */
export function redactedError() {
  return ApiError.conflict('This message was redacted; it has no content left to change.');
}
