import type { ListField } from '../../lib/log/filter/log-filter';
import type { LogModel } from '../../lib/log/log-model';

/** Two small buttons beside a value in the drawer: add it to the filter, or exclude it. */
export function NarrowButtons({ model, field, value, label }: { model: LogModel; field: ListField; value: string; label: string }) {
  return (
    <span class="narrow">
      <button
        type="button"
        class="narrow__include"
        data-testid={`include-${field}`}
        aria-label={`Filter by ${label}`}
        title={`Filter by ${label}`}
        onClick={() => model.narrow('include', field, value)}
      >
        +
      </button>
      <button
        type="button"
        class="narrow__exclude"
        data-testid={`exclude-${field}`}
        aria-label={`Exclude ${label}`}
        title={`Exclude ${label}`}
        onClick={() => model.narrow('exclude', field, value)}
      >
        −
      </button>
    </span>
  );
}
