/** One named protocol timer of a transaction (RFC 3261 §17): at most one pending handle at a time. */
import type { Scheduler } from './scheduler.js';

/**
 * A restartable one-shot timer. Starting it again replaces the pending handle,
 * so a transaction never holds more than one handle per timer, and `stop()`
 * releases it (no handle keeps the process alive after termination).
 */
export class TransactionTimer {
  private handle: unknown = undefined;
  private readonly fire: () => void;

  constructor(
    private readonly scheduler: Scheduler,
    callback: () => void,
  ) {
    this.fire = () => {
      this.handle = undefined;
      callback();
    };
  }

  /** Whether the timer is pending. */
  get running(): boolean {
    return this.handle !== undefined;
  }

  /** (Re)starts the timer to fire once after `ms` milliseconds. */
  start(ms: number): void {
    if (this.handle !== undefined) this.scheduler.clearTimeout(this.handle);
    this.handle = this.scheduler.setTimeout(this.fire, ms);
  }

  /** Cancels the timer if it is pending. */
  stop(): void {
    if (this.handle === undefined) return;
    this.scheduler.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
