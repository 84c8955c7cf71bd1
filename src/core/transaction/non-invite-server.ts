/** The non-INVITE server transaction (RFC 3261 §17.2.2). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { ServerTransaction } from './server-transaction.js';
import type { TransactionState } from './state.js';
import { TransactionTimer } from './timer.js';
import type { TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/**
 * Non-INVITE server transaction. Trying absorbs retransmissions; a provisional response
 * from the TU moves to Proceeding (retransmissions resend it); a final response moves to
 * Completed (retransmissions resend it) until Timer J (64*T1 unreliable, 0 reliable).
 */
export class NonInviteServerTransaction extends ServerTransaction {
  private readonly timerJ: TransactionTimer;

  constructor(request: SIPRequest, target: TransactionTarget, context: TransactionContext) {
    super(request, target, context);
    this.timerJ = new TransactionTimer(context.scheduler, () => this.terminate());
  }

  protected initialState(): TransactionState {
    return 'trying';
  }

  receiveRequest(request: SIPRequest): void {
    if (request.method === 'ACK') return;
    if (this.current === 'proceeding' && this.provisionalData !== undefined) this.transmit(this.provisionalData);
    else if (this.current === 'completed' && this.finalData !== undefined) this.transmit(this.finalData);
  }

  respond(response: SIPResponse): void {
    const status = this.checkStatus(response);
    if (this.current !== 'trying' && this.current !== 'proceeding') this.refuse(response);
    this.lastResponse = response;
    const data = response.toBuffer();
    if (status < 200) {
      this.current = 'proceeding';
      this.provisionalData = data;
      this.transmit(data);
      return;
    }
    this.current = 'completed';
    this.finalData = data;
    this.provisionalData = undefined;
    this.transmit(data);
    if (this.current !== 'completed') return;
    if (this.reliable) this.terminate();
    else this.timerJ.start(64 * this.context.timers.t1);
  }

  protected stopTimers(): void {
    this.timerJ.stop();
  }
}
