/**
 * The UAS core's retransmission of a 2xx to INVITE until the ACK arrives (RFC 3261
 * §13.3.1.4; under RFC 6026 the TU, not the INVITE server transaction, does this).
 */
import { systemScheduler, type Scheduler } from '../transaction/scheduler.js';
import { TransactionTimer } from '../transaction/timer.js';
import type { TimerSettings } from '../transaction/timer-settings.js';

/** Options of {@link Invite2xxRetransmitter}. */
export interface Invite2xxRetransmitterOptions {
  /** Passes the 2xx to the transport again (e.g. `() => serverTransaction.respond(ok)`). */
  send: () => void;
  /** Called when 64*T1 passed without ACK: the dialog is confirmed but the session SHOULD end (BYE). */
  timedOut?: () => void;
  /** On a reliable first hop the 2xx is not retransmitted; the 64*T1 limit still applies. */
  reliable: boolean;
  timers: Pick<TimerSettings, 't1' | 't2'>;
  scheduler?: Scheduler;
}

/**
 * Retransmits a 2xx at T1, 2*T1, 4*T1 ... capped at T2, until {@link acknowledged}
 * or until 64*T1 passed (then `timedOut`). The caller sends the first copy itself and
 * then calls {@link start}. Holds at most two timer handles, both released when it stops.
 */
export class Invite2xxRetransmitter {
  private readonly retransmit: TransactionTimer;
  private readonly giveUp: TransactionTimer;
  private interval = 0;

  constructor(private readonly options: Invite2xxRetransmitterOptions) {
    const scheduler = options.scheduler ?? systemScheduler;
    this.retransmit = new TransactionTimer(scheduler, () => this.onRetransmit());
    this.giveUp = new TransactionTimer(scheduler, () => this.onGiveUp());
  }

  /** Whether it is still waiting for the ACK. */
  get running(): boolean {
    return this.giveUp.running;
  }

  /** Starts waiting for the ACK (the first 2xx has just been sent). */
  start(): void {
    if (this.giveUp.running) return;
    const { t1 } = this.options.timers;
    this.giveUp.start(64 * t1);
    if (!this.options.reliable) {
      this.interval = t1;
      this.retransmit.start(t1);
    }
  }

  /** The ACK arrived: stop. */
  acknowledged(): void {
    this.stop();
  }

  /** Stops without reporting anything. */
  stop(): void {
    this.retransmit.stop();
    this.giveUp.stop();
  }

  private onRetransmit(): void {
    this.interval = Math.min(2 * this.interval, this.options.timers.t2);
    this.retransmit.start(this.interval);
    this.options.send();
  }

  private onGiveUp(): void {
    this.retransmit.stop();
    this.options.timedOut?.();
  }
}
