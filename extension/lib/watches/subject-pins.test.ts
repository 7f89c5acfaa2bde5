import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Watch } from '../../../shared/api-client-responses';
import type { Result, Subject } from '../messaging/protocol';
import { auditEvent, CONVERSATION_ID, CUSTOMER_ID } from '../panel/testing';
import { createSubjectPins, offersPropertyPin, pinnableValue } from './subject-pins';
import type { WatchCreateRequest } from './watch-request';
import { subjectWatch } from '../testing/watches';

const conversation: Subject = { type: 'conversation', id: CONVERSATION_ID };

function watchOf(data: WatchCreateRequest): Watch {
  return subjectWatch(data.subject!, 'Refund');
}

function pinsOn(
  subject: Subject | null,
  answer: (data: WatchCreateRequest) => Result<Watch> = (data) => ({ ok: true, value: watchOf(data) }),
  existing: Watch[] = [],
  deleted: (id: string) => Result<null> = () => ({ ok: true, value: null }),
) {
  const sent: WatchCreateRequest[] = [];
  const events: string[] = [];
  const pins = createSubjectPins(
    {
      listWatches: async () => ({ ok: true, value: existing }),
      deleteWatch: async (id) => {
        events.push(`deleteWatch ${id}`);
        return deleted(id);
      },
      createWatch: async (data) => {
        events.push('createWatch');
        sent.push(data);
        return answer(data);
      },
      notificationPrompt: {
        askOnWatch: () => {
          events.push('askOnWatch');
          return true;
        },
      },
    },
    signal(subject),
  );
  return { pins, sent, events };
}

describe('pinning from the panel', () => {
  it('watches the conversation on screen and then shows it as watched', async () => {
    const { pins, sent } = pinsOn(conversation);
    expect(pins.subjectWatch.value).toBeNull();
    await pins.watchSubject();
    expect(sent).toEqual([{ subject: conversation }]);
    expect(pins.subjectWatch.value?.subject?.id).toBe(CONVERSATION_ID);
    expect(pins.notice.value).toBe('Watching Refund');
  });

  it('asks for the notification permission before the watch is sent (within the click)', async () => {
    const { pins, events } = pinsOn(conversation);
    await pins.watchSubject();
    expect(events).toEqual(['askOnWatch', 'createWatch']);
  });

  it('does not make a second watch of a subject already watched', async () => {
    const { pins, sent } = pinsOn(conversation);
    await pins.watchSubject();
    await pins.watchSubject();
    expect(sent).toHaveLength(1);
  });

  it('shows the backend’s refusal plainly beside the subject’s button', async () => {
    const { pins } = pinsOn(conversation, () => ({ ok: false, error: { code: 'conflict', message: 'You have 100 watches already: delete one first.' } }));
    expect(await pins.watchSubject()).toBeNull();
    expect(pins.error.value).toEqual({ place: 'subject', message: 'You have 100 watches already: delete one first.' });
    expect(pins.subjectWatch.value).toBeNull();
  });

  it('watches one property from its row, any change of it', async () => {
    const { pins, sent } = pinsOn(conversation);
    const row = auditEvent({ property: 'status', after: 'done' });
    pins.askProperty(row);
    expect(pins.draft.value).toEqual({ eventId: row.id, property: 'status', value: 'done', onlyValue: false });
    await pins.confirmProperty();
    expect(sent).toEqual([{ subject: { ...conversation, property: 'status' } }]);
    expect(pins.draft.value).toBeNull();
    expect(pins.propertyWatch.value('status')?.subject?.property).toBe('status');
    expect(pins.propertyWatch.value('priority')).toBeNull();
  });

  it('watches a property changing to the row’s After value only when asked to', async () => {
    const { pins, sent } = pinsOn(conversation);
    pins.askProperty(auditEvent({ property: 'status', after: 'done' }));
    pins.setOnlyValue(true);
    await pins.confirmProperty();
    expect(sent).toEqual([{ subject: { ...conversation, property: 'status', value: 'done' } }]);
    expect(pins.propertyWatch.value('status')).not.toBeNull();
  });

  it('keeps the row’s form open with the refusal in it when the backend refuses', async () => {
    const { pins } = pinsOn(conversation, () => ({ ok: false, error: { code: 'not_found', message: 'No conversation with that id.' } }));
    const row = auditEvent({ property: 'status' });
    pins.askProperty(row);
    await pins.confirmProperty();
    expect(pins.draft.value?.eventId).toBe(row.id);
    expect(pins.error.value).toEqual({ place: row.id, message: 'No conversation with that id.' });
  });

  it('shows the person’s existing watches of this subject as watched', async () => {
    const { pins } = pinsOn(conversation, undefined, [watchOf({ subject: { ...conversation, property: 'priority', value: 'urgent' } })]);
    await pins.load();
    expect(pins.propertyWatch.value('priority')).not.toBeNull();
    expect(pins.subjectWatch.value).toBeNull();
  });

  it('stops watching: deletes the watch and offers to watch again', async () => {
    const { pins, events } = pinsOn(conversation, undefined, [watchOf({ subject: conversation })]);
    await pins.load();
    const watch = pins.subjectWatch.value!;
    expect(await pins.stop(watch, 'subject')).toBe(true);
    expect(events).toEqual([`deleteWatch ${watch.id}`]);
    expect(pins.subjectWatch.value).toBeNull();
  });

  it('counts a watch deleted elsewhere meanwhile as stopped, and shows any other refusal', async () => {
    const gone = pinsOn(conversation, undefined, [watchOf({ subject: conversation })], () => ({ ok: false, error: { code: 'not_found', message: 'No such watch.' } }));
    await gone.pins.load();
    expect(await gone.pins.stop(gone.pins.subjectWatch.value!, 'subject')).toBe(true);
    expect(gone.pins.subjectWatch.value).toBeNull();

    const offline = pinsOn(conversation, undefined, [watchOf({ subject: conversation })], () => ({ ok: false, error: { code: 'offline', message: 'The Auditdesk server cannot be reached.' } }));
    await offline.pins.load();
    expect(await offline.pins.stop(offline.pins.subjectWatch.value!, 'subject')).toBe(false);
    expect(offline.pins.error.value).toEqual({ place: 'subject', message: 'The Auditdesk server cannot be reached.' });
    expect(offline.pins.subjectWatch.value).not.toBeNull();
  });

  it('offers a property pin only on rows of a property of the subject on screen', () => {
    expect(offersPropertyPin(auditEvent({ property: 'status' }), conversation)).toBe(true);
    expect(offersPropertyPin(auditEvent({ property: null }), conversation)).toBe(false);
    const messageRow = auditEvent({ property: 'body', subject: { type: 'message', id: '01JD00000000000000000000M1', label: 'Hello' } });
    expect(offersPropertyPin(messageRow, conversation)).toBe(false);
    expect(offersPropertyPin(auditEvent({ property: 'status' }), { type: 'customer', id: CUSTOMER_ID })).toBe(false);
  });

  it('offers “changes to” only for a short single value', () => {
    expect(pinnableValue(auditEvent({ after: 'done' }))).toBe('done');
    expect(pinnableValue(auditEvent({ after: 3 }))).toBe(3);
    expect(pinnableValue(auditEvent({ after: null }))).toBeNull();
    expect(pinnableValue(auditEvent({ after: ['a', 'b'] }))).toBeNull();
    expect(pinnableValue(auditEvent({ after: 'line one\nline two' }))).toBeNull();
    expect(pinnableValue(auditEvent({ after: 'x'.repeat(200) }))).toBeNull();
  });
});
