import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit-event';
import type { LiveMessage, LogLiveRequest } from '../messaging/protocol';
import { auditEvent, signedInAs } from '../panel/testing';
import type { LogDeps } from './log-deps';
import { LogModel } from './log-model';

/*
 * The audit page's model with the background and the page's address stood
 * in for: the background answers from the rows a test gives, the address
 * records its history entries, the live port records what it is sent.
 */

class FakeLogPort {
  sent: LogLiveRequest[] = [];
  private listeners: Array<(message: unknown) => void> = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.listeners.push(listener) };
  onDisconnect = { addListener: () => undefined };
  postMessage(message: LogLiveRequest | { type: 'ping' }): void {
    if (message.type === 'subscribe') this.sent.push(message);
  }
  disconnect(): void {}
  deliver(message: LiveMessage): void {
    this.listeners.forEach((listener) => listener(message));
  }
}

function setup(options: { search?: string; rows?: AuditEvent[] } = {}) {
  let search = options.search ?? '';
  const entries: string[] = [];
  const pageQueries: string[] = [];
  let back: () => void = () => undefined;
  const ports: FakeLogPort[] = [];
  const rows = options.rows ?? [auditEvent(), auditEvent()].reverse();
  const answers: Record<string, (data: never) => unknown> = {
    getSession: () => signedInAs('admin'),
    getNames: () => ({ ok: true, value: {} }),
    getLogActors: () => ({ ok: true, value: { items: [] } }),
    getLogActivity: (data: { bucket: 'day' }) => ({ ok: true, value: { bucket: data.bucket, items: [] } }),
    getLogPage: (data: { query: string }) => {
      pageQueries.push(data.query);
      return { ok: true, value: { items: rows, nextCursor: null } };
    },
  };
  const deps: LogDeps = {
    send: (async (type: string, data: never) => answers[type]!(data)) as LogDeps['send'],
    now: () => Date.UTC(2026, 10, 21, 12),
    connectLive: () => {
      const port = new FakeLogPort();
      ports.push(port);
      return port;
    },
    url: {
      search: () => search,
      push: (next) => {
        entries.push(next);
        search = next ? `?${next}` : '';
      },
      replace: (next) => {
        search = next ? `?${next}` : '';
      },
      onChange: (listener) => {
        back = listener;
        return () => undefined;
      },
    },
  };
  const model = new LogModel(deps);
  const goBackTo = (previous: string) => {
    search = previous;
    back();
  };
  return { model, entries, pageQueries, ports, rows, goBackTo };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the audit page model', () => {
  it('opens on the filter the URL holds, names what it could not use, and asks the log for it', async () => {
    const { model, pageQueries, entries } = setup({ search: '?notEvent=login&section=business_rule&bogus=1' });
    await model.start();
    await settled();
    expect(model.filter.value).toEqual({ include: { section: ['business_rule'] }, exclude: { event: ['login'] } });
    expect(model.problems.value).toEqual(['unknown parameter “bogus”: left out']);
    expect(pageQueries).toEqual(['section=business_rule&notEvent=login']);
    expect(model.editor.text.value).toBe('section:business_rule -event:login');
    expect(entries).toEqual([]);
  });

  it('puts an applied search in a new history entry, and back shows the earlier filter without a new one', async () => {
    const { model, entries, pageQueries, goBackTo } = setup();
    await model.start();
    model.editor.editText('actor:"Ana Ruiz" -event:login');
    expect(model.editor.applyText()).toBe(true);
    expect(entries).toEqual(['actor=Ana+Ruiz&notEvent=login']);
    goBackTo('');
    await settled();
    expect(model.filter.value).toEqual({ include: {}, exclude: {} });
    expect(entries).toHaveLength(1);
    expect(pageQueries).toEqual(['', 'actor=Ana+Ruiz&notEvent=login', '']);
    expect(model.editor.text.value).toBe('');
  });

  it('keeps the form and the search box in step: Apply Filters shows its filter as qualifiers', async () => {
    const { model } = setup();
    await model.start();
    model.editor.editForm({ eventType: 'settings', section: 'business_rules', user: 'Ana Ruiz' });
    expect(model.editor.applyForm()).toBe(true);
    expect(model.editor.text.value).toBe('type:settings actor:"Ana Ruiz" section:business_rule');
  });

  it('refuses Apply Filters with a required field empty and says so beside it', async () => {
    const { model, entries } = setup();
    await model.start();
    model.editor.editForm({ eventType: 'conversation' });
    expect(model.editor.applyForm()).toBe(false);
    expect(model.editor.showErrors.value).toBe(true);
    expect(model.editor.errors.value.conversation).toBe('Conversation is required for this event type');
    expect(entries).toEqual([]);
  });

  it('marks where a malformed query is wrong and keeps the filter', async () => {
    const { model, entries } = setup();
    await model.start();
    model.editor.editText('event:login kind:robot');
    expect(model.editor.applyText()).toBe(false);
    expect(model.editor.queryError.value).toMatchObject({ start: 17 });
    expect(entries).toEqual([]);
  });

  it('puts live rows on top without moving the row the reader is on, and counts them as new', async () => {
    const { model, ports, rows } = setup();
    await model.start();
    await settled();
    model.move(1);
    expect(model.activeIndex.value).toBe(0);
    model.move(1);
    expect(model.activeIndex.value).toBe(1);
    model.setTail(true);
    expect(ports[0]?.sent).toEqual([{ type: 'subscribe', query: '', after: rows[0]!.id }]);

    const fresh = auditEvent();
    ports[0]!.deliver({ type: 'event', event: fresh });
    ports[0]!.deliver({ type: 'event', event: fresh });
    expect(model.rows.items.value[0]).toBe(fresh);
    expect(model.rows.items.value).toHaveLength(3);
    expect(model.rows.insertedAbove.value).toBe(1);
    expect(model.activeIndex.value).toBe(2);
    expect(model.tail.unseen.value).toBe(1);

    model.showNewest();
    expect(model.activeIndex.value).toBe(0);
    expect(model.tail.unseen.value).toBe(0);
  });

  it('adds a value from the drawer to the filter, or excludes it, in one step', async () => {
    const { model, entries } = setup();
    await model.start();
    model.narrow('include', 'section', 'business_rule');
    model.narrow('exclude', 'event', 'login');
    model.narrow('exclude', 'section', 'business_rule');
    expect(entries.at(-1)).toBe('notSection=business_rule&notEvent=login');
  });

  it('asks for the rows again when the session changes, even with the same filter', async () => {
    const { model, pageQueries } = setup({ search: '?event=update' });
    await model.start();
    await model.start();
    expect(pageQueries).toEqual(['event=update', 'event=update']);
  });
});
