import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AuditEvent } from '../../../shared/audit-event';
import type { ListField } from '../../lib/log/filter/log-filter';
import type { LogModel } from '../../lib/log/log-model';
import { diffValues } from '../../lib/panel/diff/value-diff';
import { describeValue } from '../../lib/panel/names';
import { humanize, propertyLabel, relativeTime } from '../../lib/panel/format';
import { workspaceSubjectUrl } from '../../lib/subject/workspace-url';
import { ActorBadge } from '../ActorBadge';
import { ValueView } from '../ValueView';
import { NarrowButtons } from './NarrowButtons';

/** The built-in workspace's page of the event's conversation, else its customer, on the signed-in backend. */
function workspaceUrl(backendUrl: string, event: AuditEvent): string | null {
  if (event.conversationId) return workspaceSubjectUrl(backendUrl, { type: 'conversation', id: event.conversationId });
  if (event.customerId) return workspaceSubjectUrl(backendUrl, { type: 'customer', id: event.customerId });
  return null;
}

function Fact({ label, children, narrow }: { label: string; children: ComponentChildren; narrow?: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>
        {children}
        {narrow}
      </dd>
    </div>
  );
}

/**
 * The detail drawer of one event: all of it, the before/after diff (the
 * panel's rendering), the other rows of the same change, where it came
 * from, and one-click filters on any of its values. Escape closes it.
 */
export function EventDrawer({ model, onClose }: { model: LogModel; onClose(): void }) {
  const event = model.drawer.event.value;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [event?.id]);
  if (!event) return null;
  const names = model.names.byId.value;
  const session = model.session.value;
  const link = session?.status === 'signed_in' ? workspaceUrl(session.backendUrl, event) : null;
  const diff = diffValues(event.before, event.after);
  const change = model.drawer.change.value;
  const narrow = (field: ListField, value: string | null, label: string) =>
    value ? <NarrowButtons model={model} field={field} value={value} label={label} /> : null;
  const others = change?.filter((row) => row.id !== event.id) ?? null;
  const loadingChange = model.drawer.changeLoading.value;

  return (
    <div
      class="event-drawer"
      role="dialog"
      aria-labelledby="event-drawer-title"
      data-testid="event-drawer"
      data-event-id={event.id}
      onKeyDown={(key) => {
        if (key.key === 'Escape') {
          key.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="event-drawer__head">
        <h2 id="event-drawer-title" tabIndex={-1} ref={heading}>
          {humanize(event.event)} · {humanize(event.section)}
          {event.property ? ` · ${propertyLabel(event.property)}` : ''}
        </h2>
        <button type="button" data-testid="event-drawer-close" aria-label="Close the details" onClick={onClose}>
          Close
        </button>
      </header>
      <dl class="facts">
        <Fact label="Performed By" narrow={narrow('actor', event.actor.id ?? event.actor.name, `performer ${event.actor.name}`)}>
          <ActorBadge actor={event.actor} />
        </Fact>
        <Fact label="Date">
          <time dateTime={event.occurredAt}>
            {new Date(event.occurredAt).toUTCString()} ({relativeTime(event.occurredAt, model.now.value)})
          </time>
        </Fact>
        <Fact label="Event" narrow={narrow('event', event.event, `event ${event.event}`)}>
          {humanize(event.event)}
        </Fact>
        <Fact label="Event Type" narrow={narrow('category', event.category, `event type ${event.category}`)}>
          {humanize(event.category)}
        </Fact>
        <Fact label="Section" narrow={narrow('section', event.section, `section ${event.section}`)}>
          {humanize(event.section)}
        </Fact>
        {event.property && (
          <Fact label="Property" narrow={narrow('property', event.property, `property ${event.property}`)}>
            <code>{event.property}</code>
          </Fact>
        )}
        <Fact label="Subject">
          {humanize(event.subject.type)} “{event.subject.label}” <code>{event.subject.id}</code>
        </Fact>
        {event.customerId && (
          <Fact label="Customer" narrow={narrow('customer', event.customerId, `customer ${event.customerId}`)}>
            <code>{event.customerId}</code>
          </Fact>
        )}
        {event.conversationId && (
          <Fact label="Conversation" narrow={narrow('conversation', event.conversationId, `conversation ${event.conversationId}`)}>
            <code>{event.conversationId}</code>
          </Fact>
        )}
        <Fact label="Change">
          <code>{event.changeId}</code>
        </Fact>
        <Fact label="Source">
          <span data-testid="event-source">
            IP {event.source.ip ?? '—'} · user agent {event.source.userAgent ?? '—'} · API key {event.source.apiKeyId ?? '—'} · request{' '}
            {event.source.requestId ?? '—'}
          </span>
        </Fact>
      </dl>
      <div class="event-drawer__links">
        {link && (
          <a href={link} target="_blank" rel="noopener" data-testid="event-open-subject">
            Open in the workspace
          </a>
        )}
        {(event.conversationId || event.customerId) && (
          <button type="button" class="link" data-testid="event-only-subject" onClick={() => model.onlySubject(event)}>
            Show only this {event.conversationId ? 'conversation' : 'customer'}
          </button>
        )}
      </div>
      {(event.before != null || event.after != null) && (
        <section class="event-drawer__diff" aria-label="Before and after">
          <div class="value-cell before">
            <h3>Before</h3>
            <div class="value expanded" data-testid="drawer-before">
              <ValueView value={event.before} diff={diff} side="before" names={names} />
            </div>
          </div>
          <div class="value-cell after">
            <h3>After</h3>
            <div class="value expanded" data-testid="drawer-after">
              <ValueView value={event.after} diff={diff} side="after" names={names} />
            </div>
          </div>
        </section>
      )}
      <section aria-labelledby="event-change-title">
        <h3 id="event-change-title">Other rows of this change</h3>
        {others === null ? (
          <p class="options__hint">{loadingChange ? 'Loading…' : "The change's rows could not be read."}</p>
        ) : others.length === 0 && !loadingChange ? (
          <p class="options__hint">None: this change wrote one row.</p>
        ) : (
          <ul class="change-rows" data-testid="event-change-rows">
            {others.map((row) => (
              <li key={row.id}>
                <button type="button" class="link" onClick={() => void model.drawer.open(row)}>
                  {humanize(row.event)} {row.property ? propertyLabel(row.property) : humanize(row.section)}
                </button>{' '}
                {row.before != null || row.after != null ? `${describeValue(row.before, names)} → ${describeValue(row.after, names)}` : ''}
              </li>
            ))}
          </ul>
        )}
        {others !== null && loadingChange && <p class="options__hint">Loading more of this change…</p>}
      </section>
    </div>
  );
}
