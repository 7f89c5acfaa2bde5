import { describe, expect, it } from 'vitest';
import { scrollToReveal, windowOf } from './virtual-window';

const list = { rowHeight: 30, viewportHeight: 300, count: 100_000, overscan: 5 };

describe('the virtual list’s window', () => {
  it('renders the rows in view plus the overscan below at the top', () => {
    expect(windowOf({ ...list, scrollTop: 0 })).toEqual({ start: 0, end: 15, offsetTop: 0, totalHeight: 3_000_000 });
  });

  it('renders the rows in view plus the overscan on both sides in the middle', () => {
    expect(windowOf({ ...list, scrollTop: 30_015 })).toEqual({ start: 995, end: 1_016, offsetTop: 29_850, totalHeight: 3_000_000 });
  });

  it('ends at the last row at the bottom', () => {
    expect(windowOf({ ...list, scrollTop: 3_000_000 - 300 })).toMatchObject({ start: 99_985, end: 100_000 });
  });

  it('shows the last rows when the scroll position is past a list that just shrank', () => {
    expect(windowOf({ ...list, count: 20, scrollTop: 50_000 })).toEqual({ start: 5, end: 20, offsetTop: 150, totalHeight: 600 });
  });

  it('renders every row of a list shorter than the viewport, and nothing of an empty one', () => {
    expect(windowOf({ ...list, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, offsetTop: 0, totalHeight: 90 });
    expect(windowOf({ ...list, count: 0, scrollTop: 120 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });

  it('treats an elastic negative scroll as the top', () => {
    expect(windowOf({ ...list, scrollTop: -40 }).start).toBe(0);
  });
});

describe('revealing a row', () => {
  const view = { rowHeight: 30, viewportHeight: 300, scrollTop: 600 };
  it('leaves the scroll alone when the row is in view', () => {
    expect(scrollToReveal({ ...view, index: 25 })).toBe(600);
  });
  it('scrolls up just enough to show a row above', () => {
    expect(scrollToReveal({ ...view, index: 10 })).toBe(300);
  });
  it('scrolls down just enough to show a row below whole', () => {
    expect(scrollToReveal({ ...view, index: 30 })).toBe(630);
  });
});
