import { describe, expect, it } from 'vitest';
import { currentViewOf, defaultViewOf, hasFilter, narrowingOf, ownershipOf, sameFilterParams } from './view-filters';
import { savedView } from './testing';

describe('saved view filters', () => {
  it('are the same filter whatever the order of their parameters and values', () => {
    expect(sameFilterParams('event=update&category=settings&category=billing', 'category=billing&event=update&category=settings')).toBe(true);
    expect(sameFilterParams('q=late+reply', 'q=late%20reply')).toBe(true);
    expect(sameFilterParams('category=settings', 'notCategory=settings')).toBe(false);
    expect(sameFilterParams('event=update', 'event=update&event=update')).toBe(false);
  });

  it('open the log on the default only when the address holds no filter', () => {
    expect(hasFilter('')).toBe(false);
    expect(hasFilter('category=customer')).toBe(true);
    expect(defaultViewOf([savedView(), savedView({ id: 'b', default: true })])?.id).toBe('b');
    expect(defaultViewOf([savedView()])).toBeNull();
  });

  it('mark the view the page shows, as the viewer applies it', () => {
    const narrowed = savedView({ id: 'n', filter: 'category=settings&category=customer', readableFilter: 'category=customer', narrowed: true });
    const nothing = savedView({ id: 'x', filter: 'category=billing', readableFilter: null, narrowed: true });
    expect(currentViewOf([nothing, narrowed], 'category=customer')?.id).toBe('n');
    expect(currentViewOf([nothing, narrowed], '')).toBeNull();
  });

  it('say whose a view is and what the viewer’s role leaves of it', () => {
    expect(ownershipOf(savedView({ mine: false, shared: true, owner: { id: 'a', name: 'Ada Admin' } }))).toBe('Shared by Ada Admin');
    expect(ownershipOf(savedView({ shared: true }))).toBe('Yours, shared with the workspace');
    expect(narrowingOf(savedView())).toBeNull();
    expect(narrowingOf(savedView({ narrowed: true }))).toBe('Shows only the event types your role reads.');
    expect(narrowingOf(savedView({ narrowed: true, readableFilter: null }))).toBe('Your role reads none of the event types this view shows.');
  });
});
