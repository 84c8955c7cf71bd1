/**
 * The one timer of a refreshing primitive (Registration, Publication): the next refresh
 * or the next retry, on an injectable clock, with the count of consecutive failures that
 * the RFC 5626 §4.5 back-off grows with (see refresh-policy).
 */
import type { Scheduler } from '../transaction/index.js';
import { retryDelay, type RetryPolicy } from './refresh-policy.js';

/** A single pending timer plus the failure count of the back-off. */
export class RefreshTimer {
  private handle: unknown;
  private failures = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly policy: RetryPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Runs `callback` in `seconds`, replacing any pending timer. */
  schedule(seconds: number, callback: () => void): void {
    this.clear();
    this.handle = this.scheduler.setTimeout(() => {
      this.handle = undefined;
      callback();
    }, seconds * 1000);
  }

  /** Cancels the pending timer. */
  clear(): void {
    if (this.handle !== undefined) this.scheduler.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** A success: the back-off starts over. */
  reset(): void {
    this.failures = 0;
  }

  /** One more failure: the seconds to wait before the next try (`retryAfter` from the server is a floor). */
  nextRetryDelay(retryAfter = 0): number {
    this.failures++;
    return retryDelay(this.failures, this.policy, retryAfter, this.random);
  }
}
