import type { AuditEvent } from '../../shared/audit-event';
import { actorLabel } from '../lib/panel/format';

/** Performed By: a person with their initials, an automation with its kind (workflow, business rule…). */
export function ActorBadge({ actor }: { actor: AuditEvent['actor'] }) {
  const person = actor.type === 'user';
  const initials = actor.name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <span class={`actor ${person ? 'person' : 'automation'}`} data-testid="actor" data-actor-type={actor.type}>
      <span class="avatar" aria-hidden="true">
        {person ? initials : '⚙'}
      </span>
      <span class="actor-name">{actor.name}</span>
      {!person && <span class="actor-kind">{actorLabel(actor.type)}</span>}
    </span>
  );
}
