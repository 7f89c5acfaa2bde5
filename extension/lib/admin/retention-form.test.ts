import { describe, expect, it } from 'vitest';
import { formOfRetention, retentionOfForm } from './retention-form';

describe('the retention form', () => {
  it('shows the workspace days and leaves categories without their own days empty', () => {
    const form = formOfRetention({ days: 365, categoryDays: { billing: 2555 } });
    expect(form.days).toBe('365');
    expect(form.categoryDays.billing).toBe('2555');
    expect(form.categoryDays.conversation).toBe('');
  });

  it('sends the workspace days and only the categories that were filled in', () => {
    const form = formOfRetention({ days: 365, categoryDays: {} });
    form.days = ' 400 ';
    form.categoryDays.authorization = '90';
    expect(retentionOfForm(form)).toEqual({ ok: true, value: { days: 400, categoryDays: { authorization: 90 } } });
  });

  it('round-trips what the backend stores', () => {
    const stored = { days: 730, categoryDays: { customer: 60, work_session: 30 } };
    expect(retentionOfForm(formOfRetention(stored))).toEqual({ ok: true, value: stored });
  });

  it('names the event type whose days are below the minimum', () => {
    const form = formOfRetention({ days: 365, categoryDays: {} });
    form.categoryDays.billing = '7';
    expect(retentionOfForm(form)).toEqual({ ok: false, field: 'billing', message: 'Billing must be at least 30 days.' });
  });

  it('refuses days that are not a whole number, and an empty workspace retention', () => {
    const form = formOfRetention({ days: 365, categoryDays: {} });
    form.categoryDays.work_session = '45.5';
    expect(retentionOfForm(form)).toMatchObject({ ok: false, field: 'work_session', message: 'Work Session must be a whole number of days.' });
    form.categoryDays.work_session = '';
    form.days = '';
    expect(retentionOfForm(form)).toMatchObject({ ok: false, field: 'days' });
  });

  it('refuses more than ten years for the workspace', () => {
    const form = formOfRetention({ days: 365, categoryDays: {} });
    form.days = '5000';
    expect(retentionOfForm(form)).toEqual({ ok: false, field: 'days', message: 'The workspace retention must be at most 3650 days.' });
  });
});
