import { useId, useState } from 'preact/hooks';
import { BUCKET_MS, bucketLabel, rangeOfBuckets, type Bucket } from '../../lib/log/filter/bucket';
import { endMs, startMs } from '../../lib/log/filter/time';

export interface ActivityChartProps {
  bucket: Bucket;
  /** The API's counts, oldest first. */
  items: { start: string; count: number }[];
  /** The filter's date range, shown on the bars it covers. */
  from?: string;
  to?: string;
  /** A chosen run of bars as the filter's dates (days for day bars, instants otherwise). */
  onSelectRange(from: string, to: string): void;
  label: string;
}

const BAR_WIDTH = 10;
const BAR_GAP = 2;
const CHART_HEIGHT = 100;
const number = new Intl.NumberFormat('en');
const events = (count: number) => `${number.format(count)} ${count === 1 ? 'event' : 'events'}`;

type Run = { anchor: number; current: number };
const inRun = (run: Run | null, index: number) => run !== null && index >= Math.min(run.anchor, run.current) && index <= Math.max(run.anchor, run.current);

/**
 * Events over time as bars, one per bucket. Dragging across bars, or
 * choosing them with the arrow keys (Shift widens) and Enter, sets the
 * filter's date range; a text summary and the focused bar's count are
 * there for screen readers.
 */
export function ActivityChart({ bucket, items, from, to, onSelectRange, label }: ActivityChartProps) {
  const summaryId = useId();
  const [drag, setDrag] = useState<Run | null>(null);
  const [keyRun, setKeyRun] = useState<Run | null>(null);
  const [focus, setFocus] = useState(Math.max(0, items.length - 1));
  const [focused, setFocused] = useState(false);
  const count = items.length;
  const focusIndex = Math.min(focus, Math.max(0, count - 1));
  const max = Math.max(1, ...items.map((item) => item.count));
  const rangeStart = from ? startMs(from) : -Infinity;
  const rangeEnd = to ? endMs(to) : Infinity;
  const hasRange = from !== undefined || to !== undefined;

  const select = (a: number, b: number) => {
    const first = items[Math.min(a, b)];
    const last = items[Math.max(a, b)];
    if (!first || !last) return;
    const range = rangeOfBuckets(bucket, first.start, last.start);
    onSelectRange(range.from, range.to);
  };

  const indexAt = (svg: SVGSVGElement, clientX: number) => {
    const box = svg.getBoundingClientRect();
    if (box.width <= 0) return 0;
    return Math.min(count - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * count)));
  };

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 || count === 0) return;
    const svg = event.currentTarget as SVGSVGElement;
    svg.setPointerCapture?.(event.pointerId);
    const index = indexAt(svg, event.clientX);
    setDrag({ anchor: index, current: index });
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag) return;
    const index = indexAt(event.currentTarget as SVGSVGElement, event.clientX);
    if (index !== drag.current) setDrag({ ...drag, current: index });
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!drag) return;
    const index = indexAt(event.currentTarget as SVGSVGElement, event.clientX);
    setDrag(null);
    select(drag.anchor, index);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const moves: Record<string, number> = { ArrowLeft: focusIndex - 1, ArrowRight: focusIndex + 1, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      const next = Math.min(count - 1, Math.max(0, target));
      setKeyRun(event.shiftKey ? { anchor: keyRun?.anchor ?? focusIndex, current: next } : null);
      setFocus(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(keyRun?.anchor ?? focusIndex, focusIndex);
      setKeyRun(null);
    } else if (event.key === 'Escape' && (keyRun || drag)) {
      event.preventDefault();
      setKeyRun(null);
      setDrag(null);
    }
  };

  const pending = drag ?? keyRun;
  const focusedItem = items[focusIndex];
  const pendingTotal = pending ? items.filter((_, index) => inRun(pending, index)).reduce((sum, item) => sum + item.count, 0) : 0;
  const announcement = !focused || !focusedItem
    ? ''
    : pending && pending.anchor !== pending.current
      ? `${bucketLabel(items[Math.min(pending.anchor, pending.current)]?.start ?? '', bucket)} to ${bucketLabel(items[Math.max(pending.anchor, pending.current)]?.start ?? '', bucket)}: ${events(pendingTotal)}`
      : `${bucketLabel(focusedItem.start, bucket)}: ${events(focusedItem.count)}`;

  return (
    <div
      class="activity-chart"
      data-testid="activity-chart"
      role="group"
      tabIndex={0}
      aria-label={label}
      aria-describedby={summaryId}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {count > 0 && (
        <svg
          viewBox={`0 0 ${count * BAR_WIDTH} ${CHART_HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height="100%"
          aria-hidden="true"
          style={{ touchAction: 'none', display: 'block' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          {items.map((item, index) => {
            const height = (item.count / max) * CHART_HEIGHT;
            const itemStart = Date.parse(item.start);
            const covered = hasRange && itemStart < rangeEnd && itemStart + BUCKET_MS[bucket] > rangeStart;
            const classes = ['bar', covered && 'in-range', inRun(pending, index) && 'pending', focused && index === focusIndex && 'focused'];
            return (
              <g key={item.start} class={classes.filter(Boolean).join(' ')} data-testid="activity-bar" data-start={item.start}>
                <title>{`${bucketLabel(item.start, bucket)}: ${events(item.count)}`}</title>
                <rect class="bar-hit" x={index * BAR_WIDTH} y={0} width={BAR_WIDTH} height={CHART_HEIGHT} fill="transparent" />
                <rect class="bar-fill" x={index * BAR_WIDTH + BAR_GAP / 2} y={CHART_HEIGHT - height} width={BAR_WIDTH - BAR_GAP} height={height} />
              </g>
            );
          })}
        </svg>
      )}
      <p id={summaryId} class="sr-only" data-testid="activity-summary">
        {summaryOf(bucket, items)}
      </p>
      <p class="sr-only" aria-live="polite" data-testid="activity-focus">
        {announcement}
      </p>
    </div>
  );
}

/** The chart in words: the total, the span, the busiest bar, and how to choose a range. */
export function summaryOf(bucket: Bucket, items: { start: string; count: number }[]): string {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return 'No events to chart.';
  const total = items.reduce((sum, item) => sum + item.count, 0);
  const busiest = items.reduce((top, item) => (item.count > top.count ? item : top), first);
  return (
    `${events(total)} from ${bucketLabel(first.start, bucket)} to ${bucketLabel(last.start, bucket)}, one bar per ${bucket}; ` +
    `the busiest is ${bucketLabel(busiest.start, bucket)} with ${events(busiest.count)}. ` +
    'Arrow keys move between bars, Shift with an arrow widens the choice, Enter sets the date range to it; or drag across the bars.'
  );
}
