/** The non-INVITE client transaction (RFC 3261 §17.1.2). */
import type { SIPResponse } from '../message/index.js';
import { ClientTransaction } from './client-transaction.js';
import type { TransactionState } from './state.js';

/**
 * Non-INVITE client transaction. Trying: on unreliable transports Timer E retransmits
 * at T1, doubling up to T2; Timer F (64*T1) times out. A provisional response moves to
 * Proceeding, where Timer E retransmits every T2. A final response moves to Completed,
 * which absorbs retransmitted responses until Timer K (T4 unreliable, 0 reliable).
 */
export class NonInviteClientTransaction extends ClientTransaction {
  protected initialState(): TransactionState {
    return 'trying';
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
    this.stopRetransmissions();
    this.passFinal(response);
    this.waitInCompleted();
  }

  /** Timer E: doubles up to T2 while "Trying", every T2 in "Proceeding". */
  protected nextRetransmitInterval(previous: number): number | undefined {
    const { t2 } = this.context.timers;
    if (this.current === 'trying') return Math.min(2 * previous, t2);
    if (this.current === 'proceeding') return t2;
    return undefined;
  }

  /** Timer F ends the transaction in "Trying" and "Proceeding". */
  protected awaitingFinal(): boolean {
    return this.current === 'trying' || this.current === 'proceeding';
  }

  /** Timer K: T4. */
  protected completedWait(): number {
    return this.context.timers.t4;
  }
}
