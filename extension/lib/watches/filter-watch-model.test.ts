import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import type { Watch } from '../../../shared/api-client-responses';
import type { Role } from '../../../shared/enums';
import type { LogFilter } from '../log/filter/log-filter';
import type { Result } from '../messaging/protocol';
import { FilterWatchModel } from './filter-watch-model';
import type { WatchCreateRequest } from './watch-request';

function watchOf(data: WatchCreateRequest): Watch {
  return {
    id: '01JD00000000000000000000W1',
    name: data.name ?? '5+ failed sign-ins in 10 min',
    kind: data.threshold ? 'threshold' : 'filter',
    subject: null,
    filter: data.filter ?? null,
    threshold: data.threshold ? { quietMinutes: data.threshold.minutes, perActor: false, ...data.threshold } : null,
    includeOwn: data.includeOwn ?? false,
    paused: false,
    narrowed: false,
    lastNotifiedAt: null,
    createdAt: '2026-12-03T05:00:00.000Z',
    updatedAt: '2026-12-03T05:00:00.000Z',
  };
}

const models: FilterWatchModel[] = [];
afterEach(() => models.splice(0).forEach((model) => model[Symbol.dispose]()));

function formOn(filter: LogFilter, role: Role, answer: (data: WatchCreateRequest) => Result<Watch> = (data) => ({ ok: true, value: watchOf(data) })) {
  const sent: WatchCreateRequest[] = [];
  const order: string[] = [];
  const model = new FilterWatchModel({
    createWatch: async (data) => {
      order.push('createWatch');
      sent.push(data);
      return answer(data);
    },
    notificationPrompt: { askOnWatch: () => (order.push('askOnWatch'), true) },
    filter: signal(filter),
    role: signal<Role | null>(role),
  });
  models.push(model);
  return { model, sent, order };
}

describe('watching the audit page’s filter', () => {
  it('watches the filter in force, without its dates, asking for the notification permission first', async () => {
    const filter: LogFilter = { include: { category: ['settings'], section: ['business_rule'] }, exclude: { event: ['login'] }, from: '2026-11-01', to: '2026-12-01' };
    const { model, sent, order } = formOn(filter, 'admin');
    model.show('filter');
    expect(model.categories.value).toEqual(['settings']);
    const made = await model.submit();
    expect(sent).toEqual([{ filter: 'category=settings&section=business_rule&notEvent=login' }]);
    expect(order).toEqual(['askOnWatch', 'createWatch']);
    expect(model.created.value).toEqual(made);
  });

  it('alerts on a threshold of the filter: count, minutes and per actor', async () => {
    const { model, sent } = formOn({ include: { event: ['login_failed'] }, exclude: {} }, 'admin');
    model.show('threshold');
    model.count.value = '5';
    model.minutes.value = '10';
    model.perActor.value = true;
    model.name.value = 'Lock-out wave';
    await model.submit();
    expect(sent).toEqual([{ filter: 'event=login_failed', threshold: { count: 5, minutes: 10, perActor: true }, name: 'Lock-out wave' }]);
  });

  it('offers an agent only the event types an agent reads', () => {
    const { model } = formOn({ include: {}, exclude: {} }, 'agent');
    expect(model.readable.value).toEqual(['customer', 'conversation']);
    const lead = formOn({ include: {}, exclude: {} }, 'lead').model;
    expect(lead.readable.value).toEqual(['customer', 'conversation', 'work_session']);
  });

  it('never ticks an event type the role does not read, even from a link naming it', () => {
    const { model } = formOn({ include: { category: ['settings', 'conversation'] }, exclude: {} }, 'agent');
    model.show('filter');
    expect(model.categories.value).toEqual(['conversation']);
    expect(model.leftOut.value).toEqual(['settings']);
    model.setCategory('settings', true);
    expect(model.categories.value).toEqual(['conversation']);
  });

  it('refuses to watch a filter of only unreadable event types until one the role reads is chosen', async () => {
    const { model, sent } = formOn({ include: { category: ['settings'] }, exclude: {} }, 'agent');
    model.show('filter');
    expect(await model.submit()).toBeNull();
    expect(model.error.value).toBe('Your role does not read Settings events: choose an event type you read.');
    expect(sent).toEqual([]);

    model.setCategory('customer', true);
    await model.submit();
    expect(sent).toEqual([{ filter: 'category=customer' }]);
  });

  it('says plainly what is wrong with a threshold before asking the backend', async () => {
    const { model, sent } = formOn({ include: {}, exclude: {} }, 'admin');
    model.show('threshold');
    model.count.value = '1';
    await model.submit();
    expect(model.error.value).toBe('The number of events is a whole number from 2 to 10,000.');
    model.count.value = '5';
    model.minutes.value = '2.5';
    await model.submit();
    expect(model.error.value).toBe('The minutes are a whole number from 1 to 1,440 (a day).');
    expect(sent).toEqual([]);
  });

  it('shows the backend’s refusal in its own words', async () => {
    const { model } = formOn({ include: {}, exclude: {} }, 'lead', () => ({ ok: false, error: { code: 'conflict', message: 'You have 100 watches already: delete one first.' } }));
    model.show('filter');
    expect(await model.submit()).toBeNull();
    expect(model.error.value).toBe('You have 100 watches already: delete one first.');
    expect(model.created.value).toBeNull();
  });

  it('ticks the event types in the order the page lists them', () => {
    const { model } = formOn({ include: {}, exclude: {} }, 'admin');
    model.show('filter');
    model.setCategory('work_session', true);
    model.setCategory('billing', true);
    expect(model.categories.value).toEqual(['billing', 'work_session']);
    model.setCategory('work_session', false);
    expect(model.watchFilter.value).toBe('category=billing');
  });
});
