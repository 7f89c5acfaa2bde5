/** @jsxImportSource hono/jsx */
import type { Viewer } from './guard';
import { formatTime } from './format';
import { Layout } from './layout';
import type { ConversationRow, CustomerRow } from './queries';
import { DataTable, StatusBadge, Tags } from './ui';

interface HomeProps {
  viewer: Viewer;
  q: string;
  customers: CustomerRow[];
  /** Set when there are older customers to show. */
  nextCursor: string | null;
  /** Whether this is a later page (so there is a way back to the first). */
  paged: boolean;
  recent: Array<{ conversation: ConversationRow; customerName: string }>;
}

/** The workspace's front page: find a customer, or pick up a conversation that just moved. */
export function HomePage(props: HomeProps) {
  const { viewer, q } = props;
  const query = (extra: Record<string, string>) => `/workspace?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;
  return (
    <Layout title="Customers" viewer={viewer}>
      <main data-testid="home">
        <div class="page-head">
          <h1>Customers</h1>
          <p>{q ? `Matching “${q}”` : 'Most recent first'}</p>
        </div>
        <div class="columns">
          <section class="card" aria-labelledby="customers-heading">
            <h2 id="customers-heading" class="hide-narrow">
              All customers
            </h2>
            <form method="get" action="/workspace" class="search" role="search">
              <input
                type="search"
                name="q"
                value={q}
                placeholder="Search by name or email"
                aria-label="Search customers by name or email"
                data-testid="customer-search"
              />
              <button type="submit" data-testid="customer-search-submit">
                Search
              </button>
            </form>
            <CustomerTable customers={props.customers} q={q} />
            <div class="actions" style="margin-top: 0.9rem">
              {props.paged ? (
                <a class="button secondary" href={query({})} data-testid="first-page">
                  ← First page
                </a>
              ) : null}
              {props.nextCursor ? (
                <a class="button secondary" href={query({ cursor: props.nextCursor })} data-testid="next-page">
                  Older customers →
                </a>
              ) : null}
            </div>
          </section>
          <section class="card" aria-labelledby="recent-heading" data-testid="recent-conversations">
            <h2 id="recent-heading">Recent conversations</h2>
            {props.recent.length === 0 ? <p class="empty">No conversations yet.</p> : null}
            <ul class="recent">
              {props.recent.map(({ conversation, customerName }) => (
                <li data-testid="recent-conversation" data-conversation-id={conversation.id}>
                  <a href={`/workspace/conversations/${conversation.id}`}>{conversation.name}</a>
                  <div class="meta">
                    <StatusBadge status={conversation.status} />
                    <span>
                      {customerName} · {formatTime(conversation.updatedAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </Layout>
  );
}

function CustomerTable({ customers, q }: { customers: CustomerRow[]; q: string }) {
  if (customers.length === 0) {
    return (
      <p class="empty" data-testid="no-customers">
        {q ? 'No customer matches that search.' : 'No customers yet.'}
      </p>
    );
  }
  return (
    <DataTable
      testid="customer-list"
      columns={[{ label: 'Name' }, { label: 'Email' }, { label: 'Tags', wide: true }, { label: 'Added', wide: true }]}
    >
      {customers.map((customer) => (
        <tr data-testid="customer-row" data-customer-id={customer.id}>
          <td>
            <a href={`/workspace/customers/${customer.id}`} data-testid="customer-link">
              {customer.name}
            </a>
          </td>
          <td>{customer.emails[0] ?? <span class="muted">—</span>}</td>
          <td class="hide-narrow">
            <Tags tags={customer.tags} />
          </td>
          <td class="hide-narrow nowrap">{formatTime(customer.createdAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
