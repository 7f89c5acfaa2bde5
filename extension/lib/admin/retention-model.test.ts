import { describe, expect, it, vi } from 'vitest';
import { RetentionModel } from './retention-model';
import { fakeAdminDeps } from './testing';

describe('the retention setting', () => {
  it("saves the workspace's days and one event type's own days, then shows what the backend stored", async () => {
    const setRetention = vi.fn(async () => ({ ok: true as const, value: { days: 400, categoryDays: { billing: 2555 } } }));
    const model = new RetentionModel(fakeAdminDeps({ getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }), setRetention }));
    await model.load();
    model.setDays('400');
    model.setCategoryDays('billing', '2555');

    await model.save();

    expect(setRetention).toHaveBeenCalledWith({ days: 400, categoryDays: { billing: 2555 } });
    expect(model.saved.value).toBe(true);
    expect(model.form.value.categoryDays.billing).toBe('2555');
  });

  it('points at the wrong field and sends nothing', async () => {
    const setRetention = vi.fn();
    const model = new RetentionModel(fakeAdminDeps({ getRetention: async () => ({ ok: true, value: { days: 365, categoryDays: {} } }), setRetention }));
    await model.load();
    model.setCategoryDays('customer', '10');
    await model.save();
    expect(setRetention).not.toHaveBeenCalled();
    expect(model.invalid.value).toBe('customer');
    expect(model.error.value).toBe('Customer must be at least 30 days.');
  });
});
