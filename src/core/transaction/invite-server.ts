/** The INVITE server transaction (RFC 3261 §17.2.1, with the "Accepted" state of RFC 6026 §7.1). */
import { createResponse, type SIPRequest, type SIPResponse } from '../message/index.js';
import { ServerTransaction } from './server-transaction.js';
import type { TransactionState } from './state.js';
import { TransactionTimer } from './timer.js';
import type { TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/** How long the transaction waits for the TU's first response before it sends 100 Trying itself (§17.2.1). */
export const TRYING_DELAY_MS = 200;

/**
 * INVITE server transaction. Proceeding: sends 100 Trying unless the TU responds within
 * 200 ms (at once when the INVITE is retransmitted first), and resends the last
 * provisional response on each retransmitted INVITE. A 2xx
 * moves to Accepted (RFC 6026): INVITE retransmissions are absorbed, the TU's own 2xx
 * retransmissions are sent, until Timer L (64*T1). A 300-699 moves to Completed: Timer G
 * retransmits it on unreliable transports (T1 doubling up to T2) and Timer H (64*T1)
 * gives up waiting for the ACK; the ACK moves to Confirmed, which absorbs further ACKs
 * until Timer I (T4 unreliable, 0 reliable).
 */
export class InviteServerTransaction extends ServerTransaction {
  private readonly timerTrying: TransactionTimer;
  private readonly timerG: TransactionTimer;
  private readonly timerH: TransactionTimer;
  private readonly timerI: TransactionTimer;
  private readonly timerL: TransactionTimer;
  private intervalG = 0;
  /** Whether the TU sent a 2xx (the machine went through Accepted). */
  private accepted = false;

  constructor(request: SIPRequest, target: TransactionTarget, context: TransactionContext) {
    super(request, target, context);
    const scheduler = context.scheduler;
    this.timerTrying = new TransactionTimer(scheduler, () => this.onTrying());
    this.timerG = new TransactionTimer(scheduler, () => this.onTimerG());
    this.timerH = new TransactionTimer(scheduler, () => this.onTimerH());
    this.timerI = new TransactionTimer(scheduler, () => this.terminate());
    this.timerL = new TransactionTimer(scheduler, () => this.terminate());
    this.timerTrying.start(TRYING_DELAY_MS);
  }

  protected initialState(): TransactionState {
    return 'proceeding';
  }

  receiveRequest(request: SIPRequest): void {
    const state = this.current;
    if (request.method === 'ACK') {
      if (state !== 'completed') return;
      this.current = 'confirmed';
      this.timerG.stop();
      this.timerH.stop();
      this.user?.acknowledged?.(request, this);
      if (this.current !== 'confirmed') return;
      if (this.reliable) this.terminate();
      else this.timerI.start(this.context.timers.t4);
      return;
    }
    if (state === 'proceeding') {
      // A retransmission before any response: the client already waited T1, so 100 Trying goes now.
      if (this.provisionalData === undefined) this.onTrying();
      else this.transmit(this.provisionalData);
    } else if (state === 'completed' && this.finalData !== undefined) this.transmit(this.finalData);
  }

  /**
   * Sends a response from the TU. In Accepted (and after Timer L) a 2xx is still sent:
   * under RFC 6026 the TU retransmits its 2xx until the ACK arrives (§13.3.1.4).
   */
  respond(response: SIPResponse): void {
    const status = this.checkStatus(response);
    const state = this.current;
    if (this.accepted && status >= 200 && status < 300) {
      this.transmit(response.toBuffer());
      return;
    }
    if (state !== 'proceeding') this.refuse(response);
    this.timerTrying.stop();
    this.lastResponse = response;
    const data = response.toBuffer();
    if (status < 200) {
      this.provisionalData = data;
      this.transmit(data);
      return;
    }
    this.finalData = data;
    this.provisionalData = undefined;
    const t1 = this.context.timers.t1;
    if (status < 300) {
      this.current = 'accepted';
      this.accepted = true;
      this.timerL.start(64 * t1);
      this.transmit(data);
      return;
    }
    this.current = 'completed';
    this.timerH.start(64 * t1);
    if (!this.reliable) {
      this.intervalG = t1;
      this.timerG.start(t1);
    }
    this.transmit(data);
  }

  private onTrying(): void {
    this.timerTrying.stop();
    if (this.current !== 'proceeding' || this.lastResponse !== undefined) return;
    const trying = createResponse(this.request, 100);
    this.provisionalData = trying.toBuffer();
    this.transmit(this.provisionalData);
  }

  private onTimerG(): void {
    if (this.current !== 'completed' || this.finalData === undefined) return;
    this.intervalG = Math.min(2 * this.intervalG, this.context.timers.t2);
    this.timerG.start(this.intervalG);
    this.transmit(this.finalData);
  }

  private onTimerH(): void {
    if (this.current !== 'completed') return;
    this.terminate();
    this.user?.timedOut?.(this);
  }

  protected stopTimers(): void {
    this.timerTrying.stop();
    this.timerG.stop();
    this.timerH.stop();
    this.timerI.stop();
    this.timerL.stop();
  }
}
