/** The non-INVITE client transaction (RFC 3261 §17.1.2). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { ClientTransaction, type ClientTransactionUser } from './client-transaction.js';
import type { TransactionState } from './state.js';
import { TransactionTimer } from './timer.js';
import type { TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/**
 * Non-INVITE client transaction. Trying: on unreliable transports Timer E retransmits
 * at T1, doubling up to T2; Timer F (64*T1) times out. A provisional response moves to
 * Proceeding, where Timer E retransmits every T2. A final response moves to Completed,
 * which absorbs retransmitted responses until Timer K (T4 unreliable, 0 reliable).
 */
export class NonInviteClientTransaction extends ClientTransaction {
  private readonly timerE: TransactionTimer;
  private readonly timerF: TransactionTimer;
  private readonly timerK: TransactionTimer;
  private intervalE = 0;

  constructor(
    request: SIPRequest,
    target: TransactionTarget,
    context: TransactionContext,
    user: ClientTransactionUser,
    data?: Buffer,
  ) {
    super(request, target, context, user, data);
    const scheduler = context.scheduler;
    this.timerE = new TransactionTimer(scheduler, () => this.onTimerE());
    this.timerF = new TransactionTimer(scheduler, () => this.onTimerF());
    this.timerK = new TransactionTimer(scheduler, () => this.terminate());
  }

  protected initialState(): TransactionState {
    return 'trying';
  }

  start(): void {
    if (this.current !== 'trying' || this.timerF.running) return;
    const t1 = this.context.timers.t1;
    this.timerF.start(64 * t1);
    if (!this.reliable) {
      this.intervalE = t1;
      this.timerE.start(t1);
    }
    this.transmit(this.requestData);
  }

  receiveResponse(response: SIPResponse): void {
    const state = this.current;
    if (state !== 'trying' && state !== 'proceeding') return;
    if (response.status < 200) {
      this.current = 'proceeding';
      this.user.receiveResponse(response, this);
      return;
    }
    this.current = 'completed';
    this.timerE.stop();
    this.timerF.stop();
    this.passFinal(response);
    if (this.current !== 'completed') return;
    if (this.reliable) this.terminate();
    else this.timerK.start(this.context.timers.t4);
  }

  private onTimerE(): void {
    const { t2 } = this.context.timers;
    if (this.current === 'trying') {
      this.intervalE = Math.min(2 * this.intervalE, t2);
    } else if (this.current === 'proceeding') {
      this.intervalE = t2;
    } else {
      return;
    }
    this.timerE.start(this.intervalE);
    this.transmit(this.requestData);
  }

  private onTimerF(): void {
    if (this.current === 'trying' || this.current === 'proceeding') this.timeout();
  }

  protected stopTimers(): void {
    this.timerE.stop();
    this.timerF.stop();
    this.timerK.stop();
  }
}
