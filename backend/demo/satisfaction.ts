import { createEntity, updateEntity } from '../audit/engine';
import { running } from './actors';
import { surveyEntity } from '../entities/satisfaction/definition';
import { HOUR, MINUTE } from './clock';
import type { ConversationState } from './conversation-steps';
import type { Sim } from './sim';
import { SURVEY_COMMENTS } from './topics';
import type { OrgWorld } from './world';

/**
 * A CSAT survey after a conversation is done: the CSAT workflow schedules it
 * and offers it an hour later; some customers rate it (through the survey
 * integration) and a few leave a comment. Ratings lean happy, as they do.
 */
export async function* surveyLife(sim: Sim, org: OrgWorld, conversation: ConversationState): AsyncGenerator<number, void, undefined> {
  const workflow = running(org, org.automations.workflows.csat);
  if (!workflow) return;
  const { random } = sim;
  yield sim.clock.ms + random.int(1, 3) * MINUTE;
  const scheduledFor = sim.clock.ms + HOUR;
  const survey = await createEntity(
    sim.tx,
    sim.ctx(org.id, workflow),
    surveyEntity,
    {
      conversationId: conversation.id,
      customerId: conversation.customer.id,
      status: 'scheduled',
      scheduledFor: new Date(scheduledFor).toISOString(),
      offeredAt: null,
      rating: null,
      comment: null,
    },
    { event: 'survey_scheduled' },
  );
  yield scheduledFor;
  const offeredAt = new Date(sim.clock.ms).toISOString();
  await updateEntity(sim.tx, sim.ctx(org.id, workflow), surveyEntity, survey.id, { status: 'offered', offeredAt }, { event: 'survey_offered' });

  if (!random.chance(0.45)) return;
  yield sim.clock.ms + random.int(10, 30 * 60) * MINUTE;
  const answers = org.automations.integrations.surveys;
  const rating = random.weighted([[5, 50], [4, 25], [3, 10], [2, 7], [1, 8]] as const);
  await updateEntity(sim.tx, sim.ctx(org.id, answers), surveyEntity, survey.id, { status: 'rated', rating }, { event: 'survey_rated' });
  if (!random.chance(0.35)) return;
  yield sim.clock.ms + random.int(20, 180) * 1000;
  const comment = random.pick(SURVEY_COMMENTS);
  await updateEntity(sim.tx, sim.ctx(org.id, answers), surveyEntity, survey.id, { comment }, { event: 'survey_commented' });
}
