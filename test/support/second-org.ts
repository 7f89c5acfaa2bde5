import type { AuditContext } from '../../backend/audit/context';
import { createEntity } from '../../backend/audit/engine';
import { hashPassword } from '../../backend/auth/passwords';
import { userEntity } from '../../backend/auth/user-entity';
import { organizations } from '../../backend/db/schema';
import { raiseNotification } from '../../backend/notifications/store';
import { bodyOf } from './audit-rows';
import { PASSWORD, type TestWorkspace } from './harness';

/** Another workspace in the same database, holding one object of every kind that has an id route. */
export interface SecondOrg {
  orgId: string;
  tokens: { admin: string; agent: string };
  /** The id of one object of each kind, all in this org. */
  ids: {
    customer: string;
    company: string;
    conversation: string;
    message: string;
    survey: string;
    voiceRecording: string;
    businessRule: string;
    workflow: string;
    shortcut: string;
    savedSearch: string;
    /** A saved view of the log, shared with that org. */
    view: string;
    apiKey: string;
    /** Its admin's watch of its conversation. */
    watch: string;
    /** A property update recorded in this org (restorable). */
    auditEvent: string;
    /** The org's agent. */
    user: string;
    /** A notification of the org's agent. */
    notification: string;
    /** A checkpoint of the org's chain, signed by its admin. */
    checkpoint: string;
    /** A webhook stream destination of the org. */
    streamDestination: string;
  };
  /** The secret of `ids.apiKey`. */
  apiKeySecret: string;
}

/**
 * "Other Co": a second org beside `ws`'s, with an admin and an agent signed
 * in through the real login route and its objects made through the API by its
 * own people, as a real workspace's would be.
 */
export async function createSecondOrg(ws: TestWorkspace): Promise<SecondOrg> {
  const orgId = ws.deps.newId();
  const ctx: AuditContext = { ...ws.systemCtx(), orgId };
  const passwordHash = await hashPassword(PASSWORD);
  const userIds = await ws.deps.writes.run(async (tx) => {
    await tx.insert(organizations).values({ id: orgId, name: 'Other Co', createdAt: ws.deps.now() });
    const made: Record<'admin' | 'agent', string> = { admin: '', agent: '' };
    for (const role of ['admin', 'agent'] as const) {
      const user = await createEntity(tx, ctx, userEntity, {
        email: `${role}@other.test`,
        name: `Other ${role}`,
        role,
        passwordHash,
        disabledAt: null,
      });
      made[role] = user.id;
    }
    return made;
  });

  const signIn = async (role: 'admin' | 'agent') =>
    (await bodyOf<{ token: string }>(await ws.call('POST', '/api/v1/auth/login', { body: { email: `${role}@other.test`, password: PASSWORD } }), 200)).token;
  const tokens = { admin: await signIn('admin'), agent: await signIn('agent') };
  const create = async (path: string, body: object) =>
    bodyOf<{ id: string; secret?: string }>(await ws.call('POST', path, { token: tokens.admin, body }), 201);

  const company = await create('/api/v1/companies', { name: 'Other Co Ltd' });
  const customer = await create('/api/v1/customers', { name: 'Olga Other', companyId: company.id });
  const conversation = await create('/api/v1/conversations', { customerId: customer.id, name: 'Other refund' });
  const message = await create(`/api/v1/conversations/${conversation.id}/messages`, { body: 'Where is my refund?', direction: 'in' });
  const survey = await create(`/api/v1/conversations/${conversation.id}/surveys`, { scheduledFor: '2030-01-02T09:00:00.000Z' });
  const voiceRecording = await create(`/api/v1/conversations/${conversation.id}/voice-recordings`, {
    durationSeconds: 42,
    recordingUrl: 'https://calls.example.com/rec/other.mp3',
  });
  const businessRule = await create('/api/v1/business-rules', {
    name: 'Other rule',
    description: 'Raise priority',
    trigger: { event: 'conversation.created' },
    criteria: { all: [{ field: 'sentiment', op: 'lt', value: 0 }] },
    actions: [{ set: 'priority', value: 'high' }],
  });
  const workflow = await create('/api/v1/workflows', {
    name: 'Other workflow',
    description: 'Welcome',
    triggers: [{ event: 'customer.created' }],
    variables: {},
    steps: [{ action: 'send_message', template: 'Hello' }],
  });
  const shortcut = await create('/api/v1/shortcuts', { name: 'Other shortcut', message: 'Done.', actions: [{ property: 'status', value: 'done' }] });
  const savedSearch = await create('/api/v1/saved-searches', { name: 'Other search', query: { all: [{ field: 'priority', op: 'eq', value: 'urgent' }] } });
  const view = await create('/api/v1/views', { name: 'Other view', filter: 'category=settings', shared: true });
  const apiKey = await create('/api/v1/api-keys', { name: 'Other sync', kind: 'api' });
  const watch = await create('/api/v1/watches', { subject: { type: 'conversation', id: conversation.id } });
  await bodyOf(await ws.call('PATCH', `/api/v1/customers/${customer.id}`, { token: tokens.admin, body: { name: 'Olga Other-Smith' } }), 200);
  const history = await bodyOf<{ items: Array<{ id: string; property: string | null }> }>(
    await ws.call('GET', `/api/v1/customers/${customer.id}/audit`, { token: tokens.admin }),
    200,
  );
  const auditEvent = history.items.find((e) => e.property === 'name')?.id ?? '';
  // Raised by the notification store's own writer, as a match of the agent's watch would be.
  const notification = await ws.deps.writes.run((tx) =>
    raiseNotification(
      tx,
      {
        orgId,
        userId: userIds.agent,
        watchId: ws.deps.newId(),
        title: 'Other refund changed',
        body: 'name: Olga Other → Olga Other-Smith',
        category: 'customer',
        subject: { type: 'customer', id: customer.id, label: 'Olga Other-Smith' },
        link: { kind: 'subject', type: 'customer', id: customer.id },
        events: [{ id: auditEvent, occurredAt: ws.deps.now().getTime() }],
      },
      ws.deps.now().getTime(),
      ws.deps.newId(),
    ),
  );

  const checkpoint = await create('/api/v1/audit/checkpoints', {});
  const streamDestination = await create('/api/v1/stream-destinations', { kind: 'webhook', name: 'Other SIEM', url: 'https://siem.other.example/in' });

  return {
    orgId,
    tokens,
    ids: {
      customer: customer.id,
      company: company.id,
      conversation: conversation.id,
      message: message.id,
      survey: survey.id,
      voiceRecording: voiceRecording.id,
      businessRule: businessRule.id,
      workflow: workflow.id,
      shortcut: shortcut.id,
      savedSearch: savedSearch.id,
      view: view.id,
      apiKey: apiKey.id,
      watch: watch.id,
      auditEvent,
      user: userIds.agent,
      notification,
      checkpoint: checkpoint.id,
      streamDestination: streamDestination.id,
    },
    apiKeySecret: apiKey.secret ?? '',
  };
}
