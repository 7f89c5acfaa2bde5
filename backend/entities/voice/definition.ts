import { defineEntity } from '../../audit/definition';
import { voiceRecordings } from '../../db/schema';

/** Voice recordings attached to a conversation (Kustomer Voice). */
export const voiceRecordingEntity = defineEntity({
  subjectType: 'voice_recording',
  table: voiceRecordings,
  category: 'conversation',
  section: 'voice',
  tracked: ['durationSeconds', 'recordingUrl'],
  label: (row) => `Voice recording (${row.durationSeconds}s)`,
  links: (row) => ({ customerId: row.customerId, conversationId: row.conversationId }),
});
