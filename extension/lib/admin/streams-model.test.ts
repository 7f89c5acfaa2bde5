import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamDestination } from '../../../shared/api-client';
import type { StreamDestinationCreateInput, StreamDestinationUpdateInput } from '../../../shared/schemas/streams';
import type { Result } from '../messaging/protocol';
import { StreamsModel } from './streams-model';
import { fakeAdminDeps, streamDestination, streamHealth } from './testing';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A page whose visibility the test changes, as a document's `hidden` and `visibilitychange`. */
function visiblePage() {
  const listeners = new Set<() => void>();
  const page = {
    hidden: false,
    addEventListener: (_: string, listener: () => void) => void listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => void listeners.delete(listener),
    show() {
      page.hidden = false;
      for (const listener of listeners) listener();
    },
  };
  return page;
}

afterEach(() => vi.useRealTimers());

describe('the Log streaming model', () => {
  it('creates a webhook destination from the form, shows its secret once and puts it first in the list', async () => {
    const sent: StreamDestinationCreateInput[] = [];
    const older = streamDestination({ id: '01JD00000000000000000000D0', name: 'Old' });
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => ok([older]),
        createStreamDestination: async (input) => {
          sent.push(input);
          return ok({ ...streamDestination({ name: 'SIEM', url: 'http://127.0.0.1:9000/in' }), secret: 'whsec_123' });
        },
      }),
    );
    await model.load();

    model.openCreate();
    model.edit({ name: ' SIEM ', url: 'http://127.0.0.1:9000/in', categories: ['settings'], actorKind: 'person', startAt: 'oldest' });
    await model.submit();

    expect(sent).toEqual([
      { kind: 'webhook', name: 'SIEM', url: 'http://127.0.0.1:9000/in', filter: { category: ['settings'], actorKind: 'person' }, pauseAfterMinutes: 4_320, startAt: 'oldest' },
    ]);
    expect(model.revealed.value).toEqual({ ownerId: '01JD00000000000000000000D1', name: 'SIEM', secret: 'whsec_123', made: 'created' });
    expect(model.destinations.value.map((d) => d.name)).toEqual(['SIEM', 'Old']);
    expect(model.destinations.value[0]).not.toHaveProperty('secret');
    expect(model.mode.value).toEqual({ kind: 'closed' });

    model.dismissSecret();
    expect(model.revealed.value).toBeNull();
  });

  it('says what is wrong with the form, naming the field, and asks the backend nothing', async () => {
    const model = new StreamsModel(fakeAdminDeps());
    model.openCreate();
    model.edit({ name: 'SIEM', url: 'http://siem.example.com/in' });
    await model.submit();
    expect(model.error.value).toBe('The URL must be an https:// URL (http:// only to 127.0.0.1 or localhost).');

    model.edit({ kind: 'jsonl_file', directory: '../etc' });
    await model.submit();
    expect(model.error.value).toBe('The folder must be a folder name: letters, digits, _, . or -.');

    model.edit({ directory: 'siem', rotateSize: { value: '2', unit: 'GB' } });
    await model.submit();
    expect(model.error.value).toBe('The file size must be a number from 1,024 bytes to 1 GB.');

    model.edit({ rotateSize: { value: '100', unit: 'MB' }, pauseAfter: { value: 'soon', unit: 'days' } });
    await model.submit();
    expect(model.error.value).toBe('The pause after failing must be a number from 1 minute to 30 days.');
    expect(model.mode.value).toEqual({ kind: 'create' });
  });

  it('creates a file destination with its rotation in bytes and minutes, and reveals no secret (a file has none)', async () => {
    const sent: StreamDestinationCreateInput[] = [];
    const file = streamDestination({ kind: 'jsonl_file', url: null, directory: 'siem', rotateBytes: 524_288, rotateMinutes: 360 });
    const model = new StreamsModel(
      fakeAdminDeps({
        createStreamDestination: async (input) => {
          sent.push(input);
          return ok({ ...file, secret: null });
        },
      }),
    );
    model.openCreate();
    model.edit({ kind: 'jsonl_file', name: 'Archive', directory: 'siem', rotateSize: { value: '0.5', unit: 'MB' }, rotateAge: { value: '6', unit: 'hours' } });
    await model.submit();

    expect(sent[0]).toMatchObject({ kind: 'jsonl_file', directory: 'siem', rotateBytes: 524_288, rotateMinutes: 360, startAt: 'now' });
    expect(model.revealed.value).toBeNull();
    expect(model.destinations.value).toEqual([file]);
  });

  it("edits a destination with its own kind's settings only, keeping filters the form does not offer", async () => {
    const sent: Array<[string, StreamDestinationUpdateInput]> = [];
    const destination = streamDestination({ filter: { category: 'settings', notActor: ['Import bot'] }, pauseAfterMinutes: 120 });
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => ok([destination]),
        updateStreamDestination: async (id, patch) => {
          sent.push([id, patch]);
          return ok({ ...destination, name: 'SIEM (EU)' });
        },
      }),
    );
    await model.load();

    model.openEdit(destination.id);
    expect(model.form.value).toMatchObject({ categories: ['settings'], pauseAfter: { value: '2', unit: 'hours' }, otherFilter: { notActor: ['Import bot'] } });
    model.edit({ name: 'SIEM (EU)' });
    await model.submit();

    expect(sent).toEqual([
      [destination.id, { name: 'SIEM (EU)', url: destination.url, filter: { notActor: ['Import bot'], category: ['settings'] }, pauseAfterMinutes: 120 }],
    ]);
    expect(model.destinations.value[0]!.name).toBe('SIEM (EU)');
    expect(model.mode.value).toEqual({ kind: 'closed' });
  });

  it('pauses and resumes a destination, showing the state the backend answered', async () => {
    const active = streamDestination();
    const paused = streamDestination({ status: 'paused', pausedReason: 'Paused by Ada Admin', health: streamHealth({ state: 'paused' }) });
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => ok([active]),
        pauseStreamDestination: async () => ok(paused),
        resumeStreamDestination: async () => ok(active),
      }),
    );
    await model.load();

    await model.pause(active.id);
    expect(model.destinations.value[0]!.status).toBe('paused');
    await model.resume(active.id);
    expect(model.destinations.value[0]!.status).toBe('active');
  });

  it('deletes only once the admin confirms, and shows the refusal of a rotation in the backend words', async () => {
    const destination = streamDestination();
    const deleted: string[] = [];
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => ok([destination]),
        deleteStreamDestination: async (id) => {
          deleted.push(id);
          return ok(null);
        },
        rotateStreamDestinationSecret: async () => ({ ok: false, error: { code: 'conflict', message: 'A file destination has no secret.' } }),
      }),
    );
    await model.load();

    model.ask(destination.id, 'delete');
    model.cancel();
    await model.confirm();
    expect(deleted).toEqual([]);

    model.ask(destination.id, 'rotate');
    await model.confirm();
    expect(model.error.value).toBe('A file destination has no secret.');

    model.ask(destination.id, 'delete');
    await model.confirm();
    expect(deleted).toEqual([destination.id]);
    expect(model.destinations.value).toEqual([]);
  });

  it('does not let a refresh that began before a change put the older row back', async () => {
    const active = streamDestination();
    const paused = streamDestination({ status: 'paused', health: streamHealth({ state: 'paused' }) });
    let answerList!: (result: Result<StreamDestination[]>) => void;
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: () => new Promise((resolve) => (answerList = resolve)),
        pauseStreamDestination: async () => ok(paused),
      }),
    );
    const refreshing = model.refresh();
    await model.pause(active.id);
    answerList(ok([active]));
    await refreshing;

    expect(model.destinations.value.map((d) => d.status)).toEqual(['paused']);
  });

  it('does not let a refresh begun while a change was in flight put the older row back', async () => {
    const active = streamDestination();
    const paused = streamDestination({ status: 'paused', health: streamHealth({ state: 'paused' }) });
    let answerList!: (result: Result<StreamDestination[]>) => void;
    let answerPause!: (result: Result<StreamDestination>) => void;
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: () => new Promise((resolve) => (answerList = resolve)),
        pauseStreamDestination: () => new Promise((resolve) => (answerPause = resolve)),
      }),
    );
    const pausing = model.pause(active.id);
    const refreshing = model.refresh();
    answerPause(ok(paused));
    await pausing;
    answerList(ok([active]));
    await refreshing;

    expect(model.destinations.value.map((d) => d.status)).toEqual(['paused']);
  });

  it('asks for the health again every few seconds while the page is visible, not while it is hidden, and at once when shown again', async () => {
    vi.useFakeTimers();
    let asked = 0;
    let clock = Date.parse('2026-12-03T12:00:00.000Z');
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => {
          asked++;
          return ok([streamDestination()]);
        },
        now: () => clock,
      }),
    );
    const page = visiblePage();
    const stop = model.follow(page as unknown as Document, 5_000);

    clock += 5_000;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(asked).toBe(1);
    expect(model.now.value).toBe(clock);

    page.hidden = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(asked).toBe(1);

    page.show();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toBe(2);

    stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(asked).toBe(2);
  });

  it('says the health may be out of date when a refresh fails, and keeps the rows it had', async () => {
    let fail = false;
    const model = new StreamsModel(
      fakeAdminDeps({
        listStreamDestinations: async () => (fail ? { ok: false, error: { code: 'offline', message: 'The backend cannot be reached.' } } : ok([streamDestination()])),
      }),
    );
    await model.load();
    fail = true;
    await model.refresh();
    expect(model.refreshError.value).toBe('The backend cannot be reached.');
    expect(model.destinations.value).toHaveLength(1);
    fail = false;
    await model.refresh();
    expect(model.refreshError.value).toBeNull();
  });
});
