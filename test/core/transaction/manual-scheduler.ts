/** A deterministic clock for transaction tests: timers fire only when the test advances time. */
import type { Scheduler } from '../../../src/core/transaction/index.js';

interface Entry {
  id: number;
  at: number;
  callback: () => void;
}

/** A {@link Scheduler} driven by {@link advance}; {@link pending} tells whether any timer leaked. */
export class ManualScheduler implements Scheduler {
  now = 0;
  private nextId = 1;
  private readonly entries = new Map<number, Entry>();

  setTimeout(callback: () => void, ms: number): unknown {
    const entry = { id: this.nextId++, at: this.now + ms, callback };
    this.entries.set(entry.id, entry);
    return entry.id;
  }

  clearTimeout(handle: unknown): void {
    this.entries.delete(handle as number);
  }

  /** Timers that are still scheduled. */
  get pending(): number {
    return this.entries.size;
  }

  /** Moves the clock forward by `ms`, firing due timers in time order (same time: creation order). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: Entry | undefined;
      for (const entry of this.entries.values()) {
        if (entry.at <= end && (next === undefined || entry.at < next.at || (entry.at === next.at && entry.id < next.id))) next = entry;
      }
      if (next === undefined) break;
      this.entries.delete(next.id);
      this.now = next.at;
      next.callback();
    }
    this.now = end;
  }
}
