import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedView } from '../../../shared/api-client-responses';
import { fakeViewsSend, savedView } from '../../lib/views/testing';
import { ViewsModel } from '../../lib/views/views-model';
import { ViewsMenu } from './ViewsMenu';

const models: ViewsModel[] = [];
afterEach(() => {
  cleanup();
  models.splice(0).forEach((model) => model[Symbol.dispose]());
});

const adminShared = savedView({
  id: '01JD00000000000000000000A1',
  name: 'Admin everything',
  filter: 'category=settings&category=work_session&event=update',
  readableFilter: 'category=work_session&event=update',
  narrowed: true,
  shared: true,
  mine: false,
  canDelete: false,
  owner: { id: 'a', name: 'Ada Admin' },
});
const billingOnly = savedView({ id: '01JD00000000000000000000B1', name: 'Billing', filter: 'category=billing', readableFilter: null, narrowed: true, mine: false, canDelete: false, shared: true });
const mine = savedView({ id: '01JD00000000000000000000M1', name: 'My routing', filter: 'section=routing', readableFilter: 'section=routing' });

async function renderMenu(views: SavedView[], answers: Parameters<typeof fakeViewsSend>[0] = {}, filter = '') {
  let list = views;
  const fake = fakeViewsSend({ listViews: () => ({ ok: true, value: list }), ...answers });
  const model = new ViewsModel({ send: fake.send });
  models.push(model);
  const onApply = vi.fn();
  render(<ViewsMenu model={model} filter={filter} onApply={onApply} />);
  fireEvent.click(screen.getByTestId('views-toggle'));
  if (views.length > 0) await screen.findByTestId('views-list');
  return { ...fake, model, onApply, setList: (next: SavedView[]) => (list = next) };
}

const itemNamed = (name: string) => screen.getAllByTestId('view-item').find((item) => item.textContent?.includes(name)) as HTMLElement;

describe('ViewsMenu', () => {
  it('applies a shared view with only what the viewer’s role reads, and says so', async () => {
    const { onApply } = await renderMenu([adminShared, mine]);
    const item = itemNamed('Admin everything');
    expect(within(item).getByTestId('view-narrowed').textContent).toContain('Shows only the event types your role reads.');
    expect(item.textContent).toContain('Shared by Ada Admin');
    fireEvent.click(within(item).getByTestId('view-apply'));
    expect(onApply).toHaveBeenCalledWith('category=work_session&event=update', adminShared);
    expect(screen.queryByRole('region', { name: 'Saved views' })).toBeNull();
  });

  it('offers no way to apply a view whose event types the viewer’s role reads none of', async () => {
    await renderMenu([billingOnly]);
    const apply = within(itemNamed('Billing')).getByTestId('view-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(itemNamed('Billing').textContent).toContain('Your role reads none of the event types this view shows.');
  });

  it('marks the view the page shows and names it on its button', async () => {
    await renderMenu([adminShared, mine], {}, 'section=routing');
    expect(within(itemNamed('My routing')).getByTestId('view-apply').getAttribute('aria-current')).toBe('true');
    expect(screen.getByTestId('views-toggle').textContent).toBe('Views: My routing');
  });

  it('saves the current filter under the name typed, shared and as the default when asked, and lists it', async () => {
    const saved = savedView({ id: '01JD00000000000000000000N1', name: 'Refunds', filter: 'q=refund', readableFilter: 'q=refund', shared: true, default: true });
    const fake = await renderMenu([mine], { saveView: () => ({ ok: true, value: saved }) }, 'q=refund');
    fake.setList([saved, mine]);
    fireEvent.input(screen.getByTestId('view-name'), { target: { value: '  Refunds ' } });
    fireEvent.click(screen.getByTestId('view-new-shared'));
    fireEvent.click(screen.getByTestId('view-new-default'));
    fireEvent.submit(screen.getByTestId('view-save-form'));
    await waitFor(() => expect(screen.getAllByTestId('view-item')).toHaveLength(2));
    expect(fake.sent.find((m) => m.type === 'saveView')?.data).toEqual({ name: 'Refunds', filter: 'q=refund', shared: true, default: true });
    expect((screen.getByTestId('view-name') as HTMLInputElement).value).toBe('');
    expect(itemNamed('Refunds').textContent).toContain('(default)');
  });

  it('shows the backend’s refusal of a save and keeps what was typed', async () => {
    await renderMenu([mine], { saveView: () => ({ ok: false, error: { code: 'conflict', message: 'You already have a view named “My routing”.' } }) });
    fireEvent.input(screen.getByTestId('view-name'), { target: { value: 'My routing' } });
    fireEvent.submit(screen.getByTestId('view-save-form'));
    expect((await screen.findByTestId('views-error')).textContent).toBe('You already have a view named “My routing”.');
    expect((screen.getByTestId('view-name') as HTMLInputElement).value).toBe('My routing');
  });

  it('makes a view the default, shares one of the viewer’s own, and deletes only after a confirmation', async () => {
    const fake = await renderMenu([adminShared, mine], {
      updateView: () => ({ ok: true, value: mine }),
      deleteView: () => ({ ok: true, value: null }),
    });
    expect(within(itemNamed('Admin everything')).queryByTestId('view-share')).toBeNull();
    expect(within(itemNamed('Admin everything')).queryByTestId('view-delete')).toBeNull();

    fireEvent.click(within(itemNamed('Admin everything')).getByTestId('view-default'));
    await waitFor(() => expect(fake.sent.filter((m) => m.type === 'listViews').length).toBeGreaterThan(1));
    fireEvent.click(within(itemNamed('My routing')).getByTestId('view-share'));
    await waitFor(() => expect(fake.sent.filter((m) => m.type === 'updateView')).toHaveLength(2));

    fireEvent.click(within(itemNamed('My routing')).getByTestId('view-delete'));
    expect(fake.sent.some((m) => m.type === 'deleteView')).toBe(false);
    fireEvent.click(within(itemNamed('My routing')).getByTestId('view-delete-confirm'));
    await waitFor(() => expect(fake.sent.some((m) => m.type === 'deleteView')).toBe(true));

    expect(fake.sent.filter((m) => m.type !== 'listViews').map((m) => [m.type, m.data])).toEqual([
      ['updateView', { id: adminShared.id, patch: { default: true } }],
      ['updateView', { id: mine.id, patch: { shared: true } }],
      ['deleteView', { id: mine.id }],
    ]);
  });

  it('closes on Escape and gives the focus back to its button, without the page seeing the key', async () => {
    await renderMenu([mine]);
    const pageEscape = vi.fn();
    document.addEventListener('keydown', pageEscape);
    fireEvent.keyDown(screen.getByTestId('view-name'), { key: 'Escape' });
    document.removeEventListener('keydown', pageEscape);
    expect(screen.queryByTestId('views-list')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('views-toggle'));
    expect(pageEscape).not.toHaveBeenCalled();
  });
});

describe('ViewsModel.openingFilter', () => {
  it('is the default view’s filter as the viewer reads it when the address has none, and nothing otherwise', async () => {
    const fake = fakeViewsSend({ listViews: () => ({ ok: true, value: [mine, { ...adminShared, default: true }] }) });
    const model = new ViewsModel({ send: fake.send });
    models.push(model);
    expect(await model.openingFilter('')).toBe('category=work_session&event=update');
    expect(await model.openingFilter('category=customer')).toBeNull();
  });

  it('is nothing when the viewer has no default view', async () => {
    const model = new ViewsModel({ send: fakeViewsSend({ listViews: () => ({ ok: true, value: [mine] }) }).send });
    models.push(model);
    expect(await model.openingFilter('')).toBeNull();
  });
});
