import { defineEntity } from '../../audit/definition';
import { surveys } from '../../db/schema';

/** CSAT surveys: scheduled, offered, rated and commented on; shown in the conversation's history. */
export const surveyEntity = defineEntity({
  subjectType: 'survey',
  table: surveys,
  category: 'conversation',
  section: 'satisfaction',
  tracked: ['status', 'scheduledFor', 'offeredAt', 'rating', 'comment'],
  label: () => 'Satisfaction survey',
  links: (row) => ({ customerId: row.customerId, conversationId: row.conversationId }),
});
