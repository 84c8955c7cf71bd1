/** The INVITE client transaction (RFC 3261 §17.1.1, with the "Accepted" state of RFC 6026 §7.2). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { createNon2xxAck } from './ack.js';
import { ClientTransaction, type ClientTransactionUser } from './client-transaction.js';
import type { TransactionState } from './state.js';
import { TransactionTimer } from './timer.js';
import type { TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/**
 * INVITE client transaction. Calling: the INVITE is retransmitted on unreliable
 * transports by Timer A (T1, doubling), and Timer B (64*T1) times out. A provisional
 * response moves to Proceeding (no more retransmissions). A 2xx moves to Accepted
 * (RFC 6026), where further 2xx (retransmissions, forks) are passed up until Timer M
 * (64*T1). A 300-699 moves to Completed: the ACK is sent on the same branch and resent
 * for every retransmitted final response until Timer D (32 s unreliable, 0 reliable).
 */
export class InviteClientTransaction extends ClientTransaction {
  private readonly timerA: TransactionTimer;
  private readonly timerB: TransactionTimer;
  private readonly timerD: TransactionTimer;
  private readonly timerM: TransactionTimer;
  private intervalA = 0;
  private ackData: Buffer | undefined = undefined;
  /** The ACK sent for the non-2xx final response, once there is one. */
  ack: SIPRequest | undefined = undefined;

  constructor(
    request: SIPRequest,
    target: TransactionTarget,
    context: TransactionContext,
    user: ClientTransactionUser,
    data?: Buffer,
  ) {
    super(request, target, context, user, data);
    const scheduler = context.scheduler;
    this.timerA = new TransactionTimer(scheduler, () => this.onTimerA());
    this.timerB = new TransactionTimer(scheduler, () => this.onTimerB());
    this.timerD = new TransactionTimer(scheduler, () => this.terminate());
    this.timerM = new TransactionTimer(scheduler, () => this.terminate());
  }

  protected initialState(): TransactionState {
    return 'calling';
  }

  start(): void {
    if (this.current !== 'calling' || this.timerB.running) return;
    const t1 = this.context.timers.t1;
    this.timerB.start(64 * t1);
    if (!this.reliable) {
      this.intervalA = t1;
      this.timerA.start(t1);
    }
    this.transmit(this.requestData);
  }

  receiveResponse(response: SIPResponse): void {
    const status = response.status;
    const state = this.current;
    if (status < 200) {
      if (state === 'calling') {
        this.current = 'proceeding';
        this.timerA.stop();
        this.timerB.stop();
      }
      if (this.current === 'proceeding') this.user.receiveResponse(response, this);
    } else if (status < 300) {
      if (state === 'calling' || state === 'proceeding') {
        this.current = 'accepted';
        this.timerA.stop();
        this.timerB.stop();
        this.timerM.start(64 * this.context.timers.t1);
        this.passFinal(response);
      } else if (state === 'accepted') {
        this.user.receiveResponse(response, this);
      }
    } else if (state === 'calling' || state === 'proceeding') {
      this.current = 'completed';
      this.timerA.stop();
      this.timerB.stop();
      this.ack = createNon2xxAck(this.request, response);
      this.ackData = this.ack.toBuffer();
      this.passFinal(response);
      if (this.current !== 'completed') return;
      this.transmit(this.ackData);
      if (this.current !== 'completed') return;
      if (this.reliable) this.terminate();
      else this.timerD.start(this.context.timers.timerD);
    } else if (state === 'completed' && this.ackData !== undefined) {
      this.transmit(this.ackData);
    }
  }

  private onTimerA(): void {
    if (this.current !== 'calling') return;
    this.intervalA *= 2;
    this.timerA.start(this.intervalA);
    this.transmit(this.requestData);
  }

  private onTimerB(): void {
    if (this.current === 'calling') this.timeout();
  }

  protected stopTimers(): void {
    this.timerA.stop();
    this.timerB.stop();
    this.timerD.stop();
    this.timerM.stop();
  }
}
