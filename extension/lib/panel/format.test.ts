import { describe, expect, it } from 'vitest';
import { propertyLabel } from './format';

describe('propertyLabel', () => {
  it('labels built-in properties in words', () => {
    expect(propertyLabel('assignedUsers')).toBe('Assigned users');
    expect(propertyLabel('ended_reason')).toBe('Ended reason');
  });

  it('labels a custom attribute by its own name and marks it as custom', () => {
    expect(propertyLabel('custom.messageCount')).toBe('Message count (custom)');
    expect(propertyLabel('custom.handle_time_minutes')).toBe('Handle time minutes (custom)');
  });

  it('leaves a property that only starts like a custom one alone', () => {
    expect(propertyLabel('customerId')).toBe('Customer id');
    expect(propertyLabel('custom.')).toBe('Custom.');
  });
});
