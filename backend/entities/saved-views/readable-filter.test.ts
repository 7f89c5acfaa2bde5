import { describe, expect, it } from 'vitest';
import { auditCategoriesFor } from '../../../shared/permissions';
import { readableFilter } from './readable-filter';

const lead = auditCategoriesFor('lead');
const admin = auditCategoriesFor('admin');

describe('a view’s filter narrowed to a viewer’s categories', () => {
  it('drops the categories the viewer may not read and keeps the rest of the filter in place', () => {
    expect(readableFilter('event=update&category=settings&category=customer&category=work_session&q=late', lead)).toEqual({
      narrowed: true,
      filter: 'event=update&category=customer&category=work_session&q=late',
    });
  });

  it('shows nothing when every category the view asks for is out of the viewer’s reach, rather than widening', () => {
    expect(readableFilter('category=settings&category=billing&event=update', lead)).toEqual({ narrowed: true, filter: null });
  });

  it('leaves a filter whose categories the viewer reads as it is', () => {
    expect(readableFilter('category=customer&notCategory=settings', lead)).toEqual({ narrowed: false, filter: 'category=customer&notCategory=settings' });
    expect(readableFilter('category=billing', admin)).toEqual({ narrowed: false, filter: 'category=billing' });
  });

  it('keeps a filter without categories, narrowed unless what it spans after exclusions is all the viewer’s', () => {
    expect(readableFilter('event=update', lead)).toEqual({ narrowed: true, filter: 'event=update' });
    expect(readableFilter('', admin)).toEqual({ narrowed: false, filter: '' });
    const outsideLead = 'notCategory=settings&notCategory=billing&notCategory=authorization';
    expect(readableFilter(outsideLead, lead)).toEqual({ narrowed: false, filter: outsideLead });
  });
});
