/** The protocol timer values of RFC 3261 §17 (table of timer values, §A). */
import { TransactionError } from './errors.js';

/** RFC 3261 base timer values, in milliseconds. */
export interface TimerSettings {
  /** RTT estimate (§17.1.1.1); default 500 ms. */
  t1: number;
  /** Maximum retransmission interval for non-INVITE requests and INVITE responses; default 4 s. */
  t2: number;
  /** Maximum duration a message remains in the network; default 5 s. */
  t4: number;
  /** Timer D, wait time for response retransmissions on unreliable transports; at least 32 s (§17.1.1.2). */
  timerD: number;
}

/** The RFC 3261 defaults: T1 = 500 ms, T2 = 4 s, T4 = 5 s, Timer D = 32 s. */
export const DEFAULT_TIMER_SETTINGS: Readonly<TimerSettings> = Object.freeze({
  t1: 500,
  t2: 4000,
  t4: 5000,
  timerD: 32000,
});

/** Completes `settings` with the defaults and checks that the values are usable. */
export function resolveTimerSettings(settings: Partial<TimerSettings> = {}): TimerSettings {
  const resolved: TimerSettings = {
    t1: settings.t1 ?? DEFAULT_TIMER_SETTINGS.t1,
    t2: settings.t2 ?? DEFAULT_TIMER_SETTINGS.t2,
    t4: settings.t4 ?? DEFAULT_TIMER_SETTINGS.t4,
    timerD: settings.timerD ?? DEFAULT_TIMER_SETTINGS.timerD,
  };
  for (const name of ['t1', 't2', 't4', 'timerD'] as const) {
    const value = resolved[name];
    if (!Number.isFinite(value) || value <= 0) {
      throw new TransactionError(`timer setting ${name} must be a positive number of milliseconds, got ${value}`);
    }
  }
  if (resolved.t2 < resolved.t1) {
    throw new TransactionError(`timer setting t2 (${resolved.t2} ms) must not be smaller than t1 (${resolved.t1} ms)`);
  }
  return resolved;
}
