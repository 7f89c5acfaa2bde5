/** @jsxImportSource hono/jsx */
import { displayCustom } from './custom-rows';
import { ConversationEditForm, type Option, STATUS_SCRIPT } from './conversation-edit-form';
import type { ConversationFormState } from './conversation-form';
import type { Viewer } from './guard';
import type { FieldErrors } from './form-data';
import { formatTime, humanize } from './format';
import { Layout } from './layout';
import { type ComposerState, MessageThread } from './message-thread';
import type { ConversationRow, CustomerRow, MessageRow } from './queries';
import { PriorityBadge, SavedNotice, StatusBadge, Tags } from './ui';

interface ConversationPageProps {
  viewer: Viewer;
  conversation: ConversationRow;
  customer: CustomerRow;
  messages: MessageRow[];
  users: Option[];
  teams: Option[];
  form: ConversationFormState;
  formErrors?: FieldErrors | undefined;
  composer: ComposerState;
  composerErrors?: FieldErrors | undefined;
  saved: boolean;
}

/** One conversation: its messages on the left, its properties and their form on the right. */
export function ConversationPage(props: ConversationPageProps) {
  const { conversation, customer } = props;
  const names = (ids: string[], options: Option[]) =>
    ids.map((id) => options.find((o) => o.id === id)?.name ?? 'Unknown').join(', ') || '—';
  return (
    <Layout title={conversation.name} viewer={props.viewer} script={STATUS_SCRIPT}>
      <main data-conversation-id={conversation.id} data-customer-id={customer.id} data-testid="conversation-page">
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href="/workspace">Customers</a> /{' '}
          <a href={`/workspace/customers/${customer.id}`} data-testid="customer-link">
            {customer.name}
          </a>{' '}
          / {conversation.name}
        </nav>
        <div class="page-head">
          <h1 data-testid="conversation-name">{conversation.name}</h1>
          <StatusBadge status={conversation.status} testid="conversation-status" />
          <PriorityBadge priority={conversation.priority} />
          <span class="badge">{humanize(conversation.channel)}</span>
        </div>
        <SavedNotice show={props.saved} />
        <div class="columns">
          <div class="stack">
            <section class="card" aria-labelledby="messages-heading">
              <h2 id="messages-heading">Messages</h2>
              <MessageThread
                conversationId={conversation.id}
                messages={props.messages}
                composer={props.composer}
                errors={props.composerErrors}
              />
            </section>
          </div>
          <div class="stack">
            <section class="card" aria-labelledby="facts-heading">
              <h2 id="facts-heading">Details</h2>
              <dl class="facts" data-testid="conversation-attributes">
                <dt>Customer</dt>
                <dd>
                  <a href={`/workspace/customers/${customer.id}`}>{customer.name}</a>
                </dd>
                <dt>Status</dt>
                <dd data-testid="attr-status">{humanize(conversation.status)}</dd>
                {conversation.status === 'snoozed' ? (
                  <>
                    <dt>Snoozed until</dt>
                    <dd data-testid="attr-snoozed-until">{formatTime(conversation.snoozedUntil)}</dd>
                  </>
                ) : null}
                {conversation.endedReason ? (
                  <>
                    <dt>Ended reason</dt>
                    <dd data-testid="attr-ended-reason">{conversation.endedReason}</dd>
                  </>
                ) : null}
                <dt>Priority</dt>
                <dd data-testid="attr-priority">{humanize(conversation.priority)}</dd>
                <dt>Assignee</dt>
                <dd data-testid="attr-assignee">{names(conversation.assignedUsers, props.users)}</dd>
                <dt>Teams</dt>
                <dd data-testid="attr-teams">{names(conversation.assignedTeams, props.teams)}</dd>
                <dt>Tags</dt>
                <dd data-testid="attr-tags">
                  <Tags tags={conversation.tags} />
                </dd>
                {Object.keys(conversation.custom)
                  .sort()
                  .map((key) => (
                    <>
                      <dt>{key}</dt>
                      <dd data-testid={`attr-custom-${key}`}>{displayCustom(conversation.custom[key])}</dd>
                    </>
                  ))}
                <dt>Started</dt>
                <dd>{formatTime(conversation.createdAt)}</dd>
              </dl>
            </section>
            <section class="card" aria-labelledby="edit-heading">
              <h2 id="edit-heading">Edit conversation</h2>
              <ConversationEditForm
                id={conversation.id}
                state={props.form}
                users={props.users}
                teams={props.teams}
                errors={props.formErrors}
              />
            </section>
          </div>
        </div>
      </main>
    </Layout>
  );
}
