import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bucket } from '../../lib/log/filter/bucket';
import { ActivityChart } from './ActivityChart';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const HOURS = [3, 0, 7, 1, 14, 2, 0, 5, 9, 4].map((count, hour) => ({ start: `2026-11-03T${String(hour + 10).padStart(2, '0')}:00:00.000Z`, count }));
const DAYS = [4, 8, 2].map((count, day) => ({ start: `2026-11-0${day + 1}T00:00:00.000Z`, count }));

function renderChart(options: { bucket?: Bucket; items?: typeof HOURS; from?: string; to?: string } = {}) {
  const onSelectRange = vi.fn();
  render(<ActivityChart bucket={options.bucket ?? 'hour'} items={options.items ?? HOURS} from={options.from} to={options.to} onSelectRange={onSelectRange} label="Activity" />);
  const chart = screen.getByTestId('activity-chart');
  const svg = chart.querySelector('svg');
  // happy-dom lays nothing out: the chart is 100 px wide at the left edge, 10 px per bar here.
  if (svg) vi.spyOn(svg, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 100, height: 40, right: 100, bottom: 40, x: 0, y: 0, toJSON: () => ({}) });
  return { chart, svg: svg as SVGSVGElement, onSelectRange };
}

const bars = () => screen.getAllByTestId('activity-bar');

describe('ActivityChart', () => {
  it('draws one bar per bucket, as tall as its share of the busiest, each named with its count', () => {
    renderChart();
    expect(bars()).toHaveLength(10);
    const busiest = bars()[4] as HTMLElement;
    expect(busiest.querySelector('.bar-fill')?.getAttribute('height')).toBe('100');
    expect(bars()[0]?.querySelector('.bar-fill')?.getAttribute('height')).toBe(String((3 / 14) * 100));
    expect(busiest.querySelector('title')?.textContent).toBe('3 Nov 2026, 14:00–15:00 UTC: 14 events');
  });

  it('sets the date range to the hours dragged across, to where the last one ends', () => {
    const { svg, onSelectRange } = renderChart();
    fireEvent.pointerDown(svg, { clientX: 25, pointerId: 1, button: 0 });
    fireEvent.pointerMove(svg, { clientX: 55, pointerId: 1 });
    expect(bars().filter((bar) => bar.classList.contains('pending'))).toHaveLength(4);
    fireEvent.pointerUp(svg, { clientX: 55, pointerId: 1 });
    expect(onSelectRange).toHaveBeenCalledWith('2026-11-03T12:00:00.000Z', '2026-11-03T16:00:00.000Z');
    expect(bars().some((bar) => bar.classList.contains('pending'))).toBe(false);
  });

  it('takes a drag leftwards as the same range', () => {
    const { svg, onSelectRange } = renderChart();
    fireEvent.pointerDown(svg, { clientX: 55, pointerId: 1, button: 0 });
    fireEvent.pointerUp(svg, { clientX: 25, pointerId: 1 });
    expect(onSelectRange).toHaveBeenCalledWith('2026-11-03T12:00:00.000Z', '2026-11-03T16:00:00.000Z');
  });

  it('sets whole days for day bars, the last day included', () => {
    const { svg, onSelectRange } = renderChart({ bucket: 'day', items: DAYS });
    fireEvent.pointerDown(svg, { clientX: 10, pointerId: 1, button: 0 });
    fireEvent.pointerUp(svg, { clientX: 90, pointerId: 1 });
    expect(onSelectRange).toHaveBeenCalledWith('2026-11-01', '2026-11-03');
  });

  it('chooses a bar, or a run of bars with Shift, from the keyboard and says what is chosen', () => {
    const { chart, onSelectRange } = renderChart();
    fireEvent.focus(chart);
    expect(screen.getByTestId('activity-focus').textContent).toBe('3 Nov 2026, 19:00–20:00 UTC: 4 events');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    fireEvent.keyDown(chart, { key: 'Enter' });
    expect(onSelectRange).toHaveBeenLastCalledWith('2026-11-03T18:00:00.000Z', '2026-11-03T19:00:00.000Z');

    fireEvent.keyDown(chart, { key: 'Home' });
    fireEvent.keyDown(chart, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(chart, { key: 'ArrowRight', shiftKey: true });
    expect(screen.getByTestId('activity-focus').textContent).toBe('3 Nov 2026, 10:00–11:00 UTC to 3 Nov 2026, 12:00–13:00 UTC: 10 events');
    fireEvent.keyDown(chart, { key: 'Enter' });
    expect(onSelectRange).toHaveBeenLastCalledWith('2026-11-03T10:00:00.000Z', '2026-11-03T13:00:00.000Z');
  });

  it('drops a half-chosen run on Escape', () => {
    const { chart, onSelectRange } = renderChart();
    fireEvent.keyDown(chart, { key: 'ArrowLeft', shiftKey: true });
    fireEvent.keyDown(chart, { key: 'Escape' });
    fireEvent.keyDown(chart, { key: 'Enter' });
    expect(onSelectRange).toHaveBeenCalledWith('2026-11-03T18:00:00.000Z', '2026-11-03T19:00:00.000Z');
  });

  it('is a labelled, focusable control described by a text summary', () => {
    const { chart } = renderChart();
    expect(chart.tabIndex).toBe(0);
    expect(chart.getAttribute('aria-label')).toBe('Activity');
    const summary = screen.getByTestId('activity-summary');
    expect(chart.getAttribute('aria-describedby')).toBe(summary.id);
    expect(summary.textContent).toContain('45 events from 3 Nov 2026, 10:00–11:00 UTC to 3 Nov 2026, 19:00–20:00 UTC, one bar per hour');
    expect(summary.textContent).toContain('the busiest is 3 Nov 2026, 14:00–15:00 UTC with 14 events');
  });

  it('marks the bars the filter’s date range covers', () => {
    renderChart({ from: '2026-11-03T12:30:00Z', to: '2026-11-03T15:00:00Z' });
    expect(bars().filter((bar) => bar.classList.contains('in-range')).map((bar) => bar.dataset.start)).toEqual([
      '2026-11-03T12:00:00.000Z',
      '2026-11-03T13:00:00.000Z',
      '2026-11-03T14:00:00.000Z',
    ]);
  });

  it('says there is nothing to chart when there are no buckets', () => {
    const { svg } = renderChart({ items: [] });
    expect(svg).toBeNull();
    expect(screen.getByTestId('activity-summary').textContent).toBe('No events to chart.');
  });
});
