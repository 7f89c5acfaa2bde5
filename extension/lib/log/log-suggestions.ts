import { signal } from '@preact/signals';
import type { CustomerNames, LogActors } from '../../../shared/api-client';
import type { LogDeps } from './log-deps';

/** Typing pauses this long before customers are looked up. */
const CUSTOMER_DELAY_MS = 200;

/**
 * What the Filter form offers to pick from: the people and automations
 * who performed the log's rows (the role's rows), and customers whose name
 * starts with what was typed.
 */
export function createSuggestions(deps: Pick<LogDeps, 'send'>) {
  const actors = signal<LogActors['items']>([]);
  const customers = signal<CustomerNames['items']>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';

  async function loadActors(): Promise<void> {
    const result = await deps.send('getLogActors', { query: '' }).catch(() => null);
    if (result?.ok) actors.value = result.value.items;
  }

  /** Looks customers up by name as the person types (the latest text wins). */
  function findCustomers(prefix: string): void {
    clearTimeout(timer);
    const text = prefix.trim();
    asked = text;
    if (text === '') {
      customers.value = [];
      return;
    }
    timer = setTimeout(async () => {
      const result = await deps.send('getLogCustomers', { prefix: text }).catch(() => null);
      if (asked === text && result?.ok) customers.value = result.value.items;
    }, CUSTOMER_DELAY_MS);
  }

  return { actors, customers, loadActors, findCustomers };
}

export type Suggestions = ReturnType<typeof createSuggestions>;
