/**
 * The clock the transaction layer runs its timers on. The default uses the
 * global timer functions, looked up at call time so that `mock.timers` of
 * `node:test` (or any other injected clock) drives them in tests.
 */

/** Schedules and cancels one-shot timers. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The scheduler over the global `setTimeout` / `clearTimeout`. */
export const systemScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
