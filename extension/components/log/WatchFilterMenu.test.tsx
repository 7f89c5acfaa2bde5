import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/enums';
import type { LogFilter } from '../../lib/log/filter/log-filter';
import { FilterWatchModel } from '../../lib/watches/filter-watch-model';
import type { WatchCreateRequest } from '../../lib/watches/watch-request';
import { WatchFilterMenu } from './WatchFilterMenu';

const models: FilterWatchModel[] = [];
afterEach(() => {
  cleanup();
  models.splice(0).forEach((model) => model[Symbol.dispose]());
});

function renderMenu(role: Role, filter: LogFilter) {
  const sent: WatchCreateRequest[] = [];
  const model = new FilterWatchModel({
    createWatch: async (data) => {
      sent.push(data);
      return { ok: false, error: { code: 'forbidden', message: 'Your role may not read settings events.' } };
    },
    notificationPrompt: { askOnWatch: () => false },
    filter: signal(filter),
    role: signal<Role | null>(role),
  });
  models.push(model);
  render(<WatchFilterMenu model={model} />);
  return { sent };
}

describe('WatchFilterMenu', () => {
  it('offers an agent the customer and conversation event types only', () => {
    renderMenu('agent', { include: {}, exclude: {} });
    fireEvent.click(screen.getByTestId('watch-filter'));
    expect(screen.getByTestId('watch-category-customer')).toBeTruthy();
    expect(screen.getByTestId('watch-category-conversation')).toBeTruthy();
    expect(screen.queryByTestId('watch-category-settings')).toBeNull();
    expect(screen.queryByTestId('watch-category-work_session')).toBeNull();
  });

  it('shows the count, minutes and per-actor fields for a threshold, and the backend’s refusal plainly', async () => {
    const { sent } = renderMenu('admin', { include: { event: ['login_failed'] }, exclude: {} });
    fireEvent.click(screen.getByTestId('watch-threshold'));
    fireEvent.input(screen.getByTestId('watch-count'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('watch-per-actor'));
    fireEvent.submit(screen.getByTestId('watch-form'));
    await waitFor(() => expect(screen.getByTestId('watch-error').textContent).toBe('Your role may not read settings events.'));
    expect(sent).toEqual([{ filter: 'event=login_failed', threshold: { count: 3, minutes: 10, perActor: true } }]);
  });
});
