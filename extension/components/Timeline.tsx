import { groupByChange } from '../lib/panel/events';
import type { PanelModel } from '../lib/panel/panel-model';
import { EventRow } from './EventRow';
import { LoadMore } from './LoadMore';

/** The history, newest first, one card per change. */
export function Timeline({ model }: { model: PanelModel }) {
  const groups = groupByChange(model.history.items.value);
  return (
    <div class="timeline-wrap">
      <ol class="timeline" data-testid="timeline">
        {groups.map((group) => (
          <li key={group.changeId} class="change" data-testid="change" data-change-id={group.changeId}>
            {group.events.length > 1 && <p class="change-size">One change of {group.events.length} properties</p>}
            <ul class="rows">
              {group.events.map((event) => (
                <EventRow key={event.id} model={model} event={event} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <LoadMore model={model} />
    </div>
  );
}
