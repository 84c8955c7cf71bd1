/**
 * How long-running commands wait: until Ctrl-C (the signal aborts), until `--duration`
 * seconds have passed, or until the command says it is done; whichever comes first.
 */

/** Why the wait ended. */
export type WaitOutcome = 'interrupted' | 'duration' | 'done';

/** A wait that {@link RunUntil.done} ends early. */
export interface RunUntil {
  /** Resolves with why the wait ended. */
  readonly finished: Promise<WaitOutcome>;
  /** Ends the wait (the command has what it wanted). */
  done(): void;
}

/** Starts a wait bounded by `signal` and `seconds` (none: only the signal or `done()` end it). */
export function runUntil(signal: AbortSignal, seconds: number | undefined): RunUntil {
  let finish!: (outcome: WaitOutcome) => void;
  const finished = new Promise<WaitOutcome>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => finish('interrupted');
    finish = (outcome) => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    if (signal.aborted) {
      resolve('interrupted');
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    if (seconds !== undefined) timer = setTimeout(() => finish('duration'), seconds * 1000);
  });
  return { finished, done: () => finish('done') };
}
