/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { displayCustom } from './custom-rows';
import { CustomerEditForm } from './customer-edit-form';
import type { CustomerFormState } from './customer-form';
import type { Viewer } from './guard';
import type { FieldErrors } from './form-data';
import { formatTime } from './format';
import { Layout } from './layout';
import type { ConversationRow, CustomerRow } from './queries';
import { DataTable, PriorityBadge, SavedNotice, StatusBadge, Tags } from './ui';

interface CustomerPageProps {
  viewer: Viewer;
  customer: CustomerRow;
  companyName: string | null;
  conversations: ConversationRow[];
  form: CustomerFormState;
  errors?: FieldErrors | undefined;
  saved: boolean;
}

/** One customer: what we know about them, their conversations, and the form to change them. */
export function CustomerPage(props: CustomerPageProps) {
  const { customer } = props;
  return (
    <Layout title={customer.name} viewer={props.viewer}>
      <main data-customer-id={customer.id} data-testid="customer-page">
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href="/workspace">Customers</a> / {customer.name}
        </nav>
        <div class="page-head">
          <h1 data-testid="customer-name">{customer.name}</h1>
          <p>{customer.emails[0] ?? ''}</p>
        </div>
        <SavedNotice show={props.saved} />
        <div class="columns">
          <div class="stack">
            <section class="card" aria-labelledby="attributes-heading">
              <h2 id="attributes-heading">Attributes</h2>
              <Attributes customer={customer} companyName={props.companyName} />
            </section>
            <section class="card" aria-labelledby="conversations-heading">
              <h2 id="conversations-heading">Conversations</h2>
              <ConversationTable conversations={props.conversations} />
            </section>
          </div>
          <section class="card" aria-labelledby="edit-heading">
            <h2 id="edit-heading">Edit customer</h2>
            <CustomerEditForm id={customer.id} state={props.form} errors={props.errors} />
          </section>
        </div>
      </main>
    </Layout>
  );
}

function Attributes({ customer, companyName }: { customer: CustomerRow; companyName: string | null }) {
  const list = (items: string[]) => (items.length ? items.join(', ') : '—');
  const facts: Array<[string, string, Child]> = [
    ['emails', 'Emails', list(customer.emails)],
    ['phones', 'Phones', list(customer.phones)],
    ['tags', 'Tags', <Tags tags={customer.tags} />],
    ['company', 'Company', companyName ?? customer.companyExternalId ?? '—'],
    ['location', 'Location', customer.location ?? '—'],
    ['timezone', 'Time zone', customer.timezone ?? '—'],
    ['language', 'Language', customer.defaultLanguage ?? '—'],
    ['username', 'Username', customer.username ?? '—'],
    ['signed-up', 'Signed up', formatTime(customer.signedUpAt)],
    ['created', 'Added', formatTime(customer.createdAt)],
  ];
  const custom = Object.keys(customer.custom).sort();
  return (
    <dl class="facts" data-testid="customer-attributes">
      {facts.map(([key, label, value]) => (
        <>
          <dt>{label}</dt>
          <dd data-testid={`attr-${key}`}>{value}</dd>
        </>
      ))}
      {custom.map((key) => (
        <>
          <dt>{key}</dt>
          <dd data-testid={`attr-custom-${key}`}>{displayCustom(customer.custom[key])}</dd>
        </>
      ))}
    </dl>
  );
}

function ConversationTable({ conversations }: { conversations: ConversationRow[] }) {
  if (conversations.length === 0) return <p class="empty">No conversations yet.</p>;
  return (
    <DataTable testid="customer-conversations" columns={[{ label: 'Conversation' }, { label: 'Status' }, { label: 'Updated', wide: true }]}>
      {conversations.map((conversation) => (
        <tr data-testid="conversation-row" data-conversation-id={conversation.id}>
          <td>
            <a href={`/workspace/conversations/${conversation.id}`}>{conversation.name}</a>
            {conversation.priority === 'high' || conversation.priority === 'urgent' ? (
              <>
                {' '}
                <PriorityBadge priority={conversation.priority} />
              </>
            ) : null}
          </td>
          <td>
            <StatusBadge status={conversation.status} />
          </td>
          <td class="hide-narrow nowrap">{formatTime(conversation.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
