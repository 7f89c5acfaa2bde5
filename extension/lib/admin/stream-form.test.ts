import { describe, expect, it } from 'vitest';
import { createInputOf, emptyStreamForm, formOfDestination, updateInputOf } from './stream-form';
import { streamDestination } from './testing';

describe('the stream destination form', () => {
  it('starts with the backend defaults in the largest whole unit: 100 MB, 1 day, pause after 3 days', () => {
    const form = emptyStreamForm();
    expect([form.rotateSize, form.rotateAge, form.pauseAfter]).toEqual([
      { value: '100', unit: 'MB' },
      { value: '1', unit: 'days' },
      { value: '3', unit: 'days' },
    ]);
    expect(form.startAt).toBe('now');
  });

  it("shows a file destination's settings in whole units and gives the same settings back unchanged", () => {
    const file = streamDestination({
      kind: 'jsonl_file',
      url: null,
      directory: 'archive',
      rotateBytes: 1_536,
      rotateMinutes: 90,
      pauseAfterMinutes: 2_880,
      filter: { category: ['settings', 'billing'], event: 'update', section: ['access'], actorKind: 'automation', notProperty: 'password' },
    });
    const form = formOfDestination(file);
    expect([form.rotateSize, form.rotateAge, form.pauseAfter]).toEqual([
      { value: '1.5', unit: 'KB' },
      { value: '90', unit: 'minutes' },
      { value: '2', unit: 'days' },
    ]);
    expect(updateInputOf(form)).toEqual({
      ok: true,
      input: {
        name: 'SIEM',
        directory: 'archive',
        rotateBytes: 1_536,
        rotateMinutes: 90,
        pauseAfterMinutes: 2_880,
        filter: { notProperty: ['password'], category: ['settings', 'billing'], event: ['update'], section: ['access'], actorKind: 'automation' },
      },
    });
  });

  it('converts a size no unit divides back to the same number of bytes', () => {
    const form = formOfDestination(streamDestination({ kind: 'jsonl_file', url: null, directory: 'archive', rotateBytes: 1_500_000, rotateMinutes: 61 }));
    expect([form.rotateSize.unit, form.rotateAge]).toEqual(['MB', { value: '61', unit: 'minutes' }]);
    expect(updateInputOf(form)).toMatchObject({ ok: true, input: { rotateBytes: 1_500_000, rotateMinutes: 61 } });
  });

  it('sends no filter values left empty, and says a missing name is missing', () => {
    const form = { ...emptyStreamForm(), name: '  ', url: 'https://siem.example.com/in' };
    expect(createInputOf(form)).toEqual({ ok: false, error: expect.stringMatching(/^The name /) });
    expect(createInputOf({ ...form, name: 'SIEM' })).toEqual({
      ok: true,
      input: { kind: 'webhook', name: 'SIEM', url: 'https://siem.example.com/in', filter: {}, pauseAfterMinutes: 4_320, startAt: 'now' },
    });
  });
});
