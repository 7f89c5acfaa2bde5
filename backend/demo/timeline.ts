import type { AuditContext } from '../audit/context';
import type { Tx } from '../db/sql';
import type { WriteQueue } from '../db/write-queue';
import { DAY, type SimClock } from './clock';
import type { Random } from './random';
import { contextFor, type Process, type Sim } from './sim';
import type { Performer } from './world';

interface Scheduled {
  at: number;
  /** Order of scheduling: breaks ties between equal times, so runs are repeatable. */
  seq: number;
  process: Process;
}

/**
 * The day-by-day simulation. Processes wait in a priority queue ordered by
 * simulated time; each simulated day runs every step due that day, in
 * chronological order, inside ONE write transaction (one commit per day keeps
 * the seed fast). Steps due after `end` never run: what is still open at
 * "now" stays open.
 */
export class Timeline implements Sim {
  readonly #heap: Scheduled[] = [];
  #seq = 0;
  #tx: Tx | null = null;

  constructor(
    readonly random: Random,
    readonly clock: SimClock,
    readonly start: number,
    readonly end: number,
  ) {}

  get tx(): Tx {
    if (!this.#tx) throw new Error('no simulated day is being written');
    return this.#tx;
  }

  get days(): number {
    return Math.ceil((this.end - this.start) / DAY);
  }

  spawn(at: number, process: Process): void {
    this.#push({ at: Math.max(at, this.clock.ms), seq: this.#seq++, process });
  }

  ctx(orgId: string, by: Performer): AuditContext {
    return contextFor(this, orgId, by);
  }

  /** Runs every simulated day; `afterDay` is told each day number (1-based) once its transaction committed. */
  async run(writes: WriteQueue, afterDay: (day: number, tx: Tx) => Promise<void>): Promise<void> {
    for (let day = 1; day <= this.days; day++) {
      const until = Math.min(this.start + day * DAY, this.end);
      await writes.run(async (tx) => {
        this.#tx = tx;
        try {
          for (let next = this.#heap[0]; next && next.at < until; next = this.#heap[0]) {
            this.#pop();
            this.clock.set(next.at);
            const step = await next.process.next();
            if (!step.done) this.spawn(step.value, next.process);
          }
          await afterDay(day, tx);
        } finally {
          this.#tx = null;
        }
      });
    }
  }

  #before(a: Scheduled, b: Scheduled): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(item: Scheduled): void {
    const heap = this.#heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
