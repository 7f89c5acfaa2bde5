import { ACTOR_KINDS, EVENTS, type ActorKind, type AuditEventName } from '../../shared/enums';
import { humanize, propertyLabel } from '../lib/panel/format';
import type { PanelModel } from '../lib/panel/panel-model';

function pick<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return allowed.find((option) => option === value);
}

/** The filter chips: Event, people vs automations, Property. Each change reloads from the first page. */
export function FilterBar({ model }: { model: PanelModel }) {
  const { filters, properties, setFilter } = model.history;
  const current = filters.value;
  const propertyOptions = current.property && !properties.value.includes(current.property) ? [current.property, ...properties.value] : properties.value;
  return (
    <div class="filters" role="group" aria-label="Filters">
      <label>
        <span>Event</span>
        <select data-testid="filter-event" value={current.event ?? ''} onChange={(e) => setFilter('event', pick<AuditEventName>(EVENTS, e.currentTarget.value))}>
          <option value="">All events</option>
          {EVENTS.map((event) => (
            <option key={event} value={event}>
              {humanize(event)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Performed by</span>
        <select data-testid="filter-actor-kind" value={current.actorKind ?? ''} onChange={(e) => setFilter('actorKind', pick<ActorKind>(ACTOR_KINDS, e.currentTarget.value))}>
          <option value="">Anyone</option>
          <option value="person">People</option>
          <option value="automation">Automations</option>
        </select>
      </label>
      <label>
        <span>Property</span>
        <select data-testid="filter-property" value={current.property ?? ''} onChange={(e) => setFilter('property', e.currentTarget.value || undefined)}>
          <option value="">All properties</option>
          {propertyOptions.map((property) => (
            <option key={property} value={property}>
              {propertyLabel(property)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
