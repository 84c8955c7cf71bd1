/**
 * The periodic full fetch used while the xcap-diff subscription fails
 * (spec/xcap-api.md §2.7: every 2 minutes by default).
 */

/** The spec's polling interval, milliseconds. */
export const DEFAULT_POLL_INTERVAL = 120_000;

/** Calls `poll` every `interval` milliseconds between `start()` and `stop()`. */
export class Poller {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly interval: number,
    private readonly poll: () => void,
  ) {}

  /** Whether polling is on. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts polling (no effect when it runs). */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.poll(), this.interval);
    this.timer.unref?.();
  }

  /** Stops polling. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
