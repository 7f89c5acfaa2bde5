import { signal } from '@preact/signals';
import type { AuditEvent } from '../../../shared/audit-event';
import { followLive, type LiveStatus } from '../panel/live';
import type { LogDeps } from './log-deps';

/**
 * The live tail: while on, the rows matching the filter arrive as they
 * commit, from right after the newest row the page shows. `unseen` counts
 * those put above the reader since they last were at the top ("12 new
 * events").
 */
export function createTail(deps: Pick<LogDeps, 'connectLive'>, take: (event: AuditEvent) => number) {
  const on = signal(false);
  const status = signal<LiveStatus | null>(null);
  const unseen = signal(0);
  let stop: (() => void) | null = null;

  function follow(query: string, newest: () => string | null): void {
    stop?.();
    stop = followLive(
      deps.connectLive,
      { type: 'subscribe' as const, query, after: newest() },
      {
        onEvent: (event) => {
          unseen.value += take(event);
        },
        onStatus: (next) => {
          status.value = next;
        },
      },
      () => ({ type: 'subscribe' as const, query, after: newest() }),
    );
  }

  function end(): void {
    stop?.();
    stop = null;
    status.value = null;
  }

  return { on, status, unseen, follow, end };
}

export type Tail = ReturnType<typeof createTail>;
