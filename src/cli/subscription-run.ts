/**
 * How the `subscribe-*` commands run (RFC 6665): subscribe, print "subscribed to ..." once
 * the SUBSCRIBE is accepted and one summary per NOTIFY,
 * and end on Ctrl-C, `--duration`, `--count` NOTIFYs, or when the subscription fails or
 * the server ends it; then unsubscribe (bounded). Exit 0 when at least one NOTIFY (and
 * `--count` of them when asked) arrived and the subscription did not fail.
 */
import type { NotificationCenter } from '../notification/index.js';
import { ExitCode } from './command.js';
import { integerOption, secondsOption } from './option-values.js';
import { runUntil } from './run-until.js';

/** The options every subscribe command has, in parseArgs form. */
export const SUBSCRIPTION_OPTIONS = {
  count: { type: 'string' },
  duration: { type: 'string' },
} as const;

/** The limits a subscribe command was given. */
export interface SubscriptionLimits {
  count: number | undefined;
  duration: number | undefined;
}

/** Checks `--count` and `--duration` (before anything starts: a bad value is a usage error). */
export function subscriptionLimits(values: Record<string, unknown>): SubscriptionLimits {
  return { count: integerOption(values.count, 'count', undefined), duration: secondsOption(values.duration, 'duration') };
}

/** Their help text. */
export const SUBSCRIPTION_OPTIONS_HELP = `  --count N     stop after N NOTIFYs (exit 1 if fewer came)
  --duration S  stop after S seconds

Ends on Ctrl-C, --duration, --count, or when the subscription fails or the server ends it,
unsubscribing first. Exits 0 when NOTIFYs came and the subscription did not fail.`;

/** What the command tells the run while it subscribes. */
export interface SubscriptionControl {
  /** A NOTIFY was printed. */
  notified(): void;
  /** The subscription failed: print why and end with exit 1. */
  failed(line: string): void;
  /** The server ended the subscription: print why and end. */
  ended(line: string): void;
}

/** Something to end once the run is over. */
export interface Unsubscribable {
  end(timeout?: number): Promise<void>;
}

/** Seconds given to the unsubscribe. */
const END_SECONDS = 3;

/** Runs one subscription; see the module comment. */
export async function runSubscription(options: {
  limits: SubscriptionLimits;
  signal: AbortSignal;
  /** What is subscribed to, printed as "subscribed to WHAT" once the SUBSCRIBE is accepted (e.g. "presence of sip:bob@example.test"). */
  what: string;
  /** Subscribes (the SUBSCRIBE is answered when it resolves); `observe` is installed first. */
  subscribe(control: SubscriptionControl): Promise<Unsubscribable>;
  /** Installs the observers that print NOTIFYs and failures; returns their removers. */
  observe(control: SubscriptionControl): Array<() => void>;
}): Promise<number> {
  const { count, duration } = options.limits;
  const wait = runUntil(options.signal, duration);
  let notifies = 0;
  let failed = false;
  const control: SubscriptionControl = {
    notified() {
      notifies++;
      if (count !== undefined && notifies >= count) wait.done();
    },
    failed(line) {
      console.log(line);
      failed = true;
      wait.done();
    },
    ended(line) {
      console.log(line);
      wait.done();
    },
  };
  const removers = options.observe(control);
  try {
    let subscription: Unsubscribable | undefined;
    try {
      // Ctrl-C or --duration during the SUBSCRIBE end at once (the application's stop ends the
      // subscription); NOTIFYs that came before the answer (--count) wait for it.
      const stopped = wait.finished.then((outcome) => (outcome === 'done' ? new Promise<never>(() => undefined) : undefined));
      subscription = await Promise.race([options.subscribe(control), stopped]);
    } catch (error) {
      console.log(`subscription failed: ${(error as Error).message}`);
      return ExitCode.failure;
    }
    if (!failed && subscription !== undefined) console.log(`subscribed to ${options.what}`);
    await wait.finished;
    if (!failed && subscription !== undefined) await subscription.end(END_SECONDS).catch(() => undefined);
  } finally {
    for (const remove of removers) remove();
  }
  if (failed || notifies === 0) return ExitCode.failure;
  return count === undefined || notifies >= count ? ExitCode.ok : ExitCode.failure;
}

/** Observers of the failure and end of the account's subscriptions (`SIPAccountSubscriptionDidFail` / `DidEnd`). */
export function observeAccountSubscription(center: NotificationCenter, account: object, control: SubscriptionControl): Array<() => void> {
  return [
    center.addObserver<'SIPAccountSubscriptionDidFail'>(
      (n) => control.failed(`subscription failed: ${n.data.code} ${n.data.reason}`),
      { name: 'SIPAccountSubscriptionDidFail', sender: account },
    ),
    center.addObserver<'SIPAccountSubscriptionDidEnd'>((n) => {
      if (n.data.originator === 'remote') control.ended(`subscription ended by the server${n.data.reason === undefined ? '' : ` (${n.data.reason})`}`);
    }, { name: 'SIPAccountSubscriptionDidEnd', sender: account }),
  ];
}
