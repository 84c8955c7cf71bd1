/**
 * The one timer of a refreshing primitive (Registration, Publication): the next refresh
 * or the next retry, on an injectable clock, with the count of consecutive failures that
 * the RFC 5626 §4.5 back-off grows with (see refresh-policy).
 */
import { systemScheduler, type Scheduler } from '../transaction/index.js';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './refresh-policy.js';

/** The timing options that Registration and Publication share. */
export interface RefreshTimingOptions {
  /** Back-off after failures. Default RFC 5626 §4.5 (30 s base, 1800 s cap). */
  retry?: Partial<RetryPolicy>;
  /** Largest refresh margin in seconds (see refresh-policy). Default 30. */
  refreshMargin?: number;
  /** The clock of refreshes and retries; the global timers by default. */
  scheduler?: Scheduler;
  /** Milliseconds now, on the scheduler's clock. Default `Date.now`. */
  now?: () => number;
  /** Jitter source, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** A single pending timer plus the failure count of the back-off. */
export class RefreshTimer {
  private handle: unknown;
  private failures = 0;
  private readonly scheduler: Scheduler;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;

  /** A timer on `options.scheduler` with `options.retry` over the RFC 5626 §4.5 default back-off. */
  constructor(options: RefreshTimingOptions = {}) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

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
