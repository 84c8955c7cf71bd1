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
  private readonly timerM: TransactionTimer;
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
    this.timerM = new TransactionTimer(context.scheduler, () => this.terminate());
  }

  protected initialState(): TransactionState {
    return 'calling';
  }

  receiveResponse(response: SIPResponse): void {
    const status = response.status;
    const state = this.current;
    if (status < 200) {
      if (state === 'calling') {
        this.current = 'proceeding';
        this.stopRetransmissions();
      }
      if (this.current === 'proceeding') this.user.receiveResponse(response, this);
    } else if (status < 300) {
      if (state === 'calling' || state === 'proceeding') {
        this.current = 'accepted';
        this.stopRetransmissions();
        this.timerM.start(64 * this.context.timers.t1);
        this.passFinal(response);
      } else if (state === 'accepted') {
        this.user.receiveResponse(response, this);
      }
    } else if (state === 'calling' || state === 'proceeding') {
      this.current = 'completed';
      this.stopRetransmissions();
      this.ack = createNon2xxAck(this.request, response);
      this.ackData = this.ack.toBuffer();
      this.passFinal(response);
      if (this.current !== 'completed') return;
      this.transmit(this.ackData);
      this.waitInCompleted();
    } else if (state === 'completed' && this.ackData !== undefined) {
      this.transmit(this.ackData);
    }
  }

  /** Timer A: doubles every time, and only while "Calling". */
  protected nextRetransmitInterval(previous: number): number | undefined {
    return this.current === 'calling' ? 2 * previous : undefined;
  }

  /** Timer B ends the transaction only in "Calling". */
  protected awaitingFinal(): boolean {
    return this.current === 'calling';
  }

  /** Timer D. */
  protected completedWait(): number {
    return this.context.timers.timerD;
  }

  protected override stopTimers(): void {
    super.stopTimers();
    this.timerM.stop();
  }
}
