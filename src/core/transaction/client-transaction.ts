/** Common part of the INVITE and non-INVITE client transactions (RFC 3261 §17.1). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { TransactionTimeoutError } from './errors.js';
import { TransactionTimer } from './timer.js';
import { Transaction, type TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/** How a client transaction ended: a final response, Timer B/F (§17.1.1.2, §17.1.2.2), or a transport error (§17.1.4). */
export type ClientTransactionOutcome = 'response' | 'timeout' | 'transport-error';

/** The transaction user (UAC core) of a client transaction. */
export interface ClientTransactionUser {
  /** A response the transaction passes up: provisional, final, and further 2xx to INVITE (RFC 6026 §7.2). */
  receiveResponse(response: SIPResponse, transaction: ClientTransaction): void;
  /** Timer B or Timer F fired before a final response: the TU treats it as a 408 (§8.1.3.1). */
  timedOut?(transaction: ClientTransaction): void;
  /** The transport failed before a final response: the TU may try the next DNS target (§17.1.4, RFC 3263 §4.3). */
  transportFailed?(error: unknown, transaction: ClientTransaction): void;
  /** The transaction reached "Terminated". */
  terminated?(transaction: ClientTransaction): void;
}

/**
 * A client transaction: sends a request, retransmits it on unreliable transports, and
 * passes responses up. Both machines share three timers: the retransmission timer
 * (Timer A, §17.1.1.2; Timer E, §17.1.2.2) started at T1 on unreliable transports, the
 * 64*T1 timeout (Timer B; Timer F), and the wait in "Completed" (Timer D; Timer K),
 * zero on reliable transports.
 */
export abstract class ClientTransaction extends Transaction {
  /** How the transaction ended; `undefined` while it runs. */
  outcome: ClientTransactionOutcome | undefined = undefined;
  /** The transport error when {@link outcome} is `'transport-error'`, a {@link TransactionTimeoutError} when it is `'timeout'`. */
  error: unknown = undefined;
  /** The serialized request, sent once and retransmitted as is. */
  protected readonly requestData: Buffer;
  /** Timer A / Timer E: retransmits the request. */
  private readonly retransmitTimer: TransactionTimer;
  /** Timer B / Timer F: no final response within 64*T1. */
  private readonly timeoutTimer: TransactionTimer;
  /** Timer D / Timer K: absorbs retransmitted final responses in "Completed". */
  private readonly completedTimer: TransactionTimer;
  /** The interval the retransmission timer was last started with. */
  private retransmitInterval = 0;

  constructor(
    request: SIPRequest,
    target: TransactionTarget,
    context: TransactionContext,
    /** Who receives the responses and the outcome. */
    readonly user: ClientTransactionUser,
    /** The request already serialized, if the caller has it. */
    data?: Buffer,
  ) {
    super(request, target, context);
    this.requestData = data ?? request.toBuffer();
    const scheduler = context.scheduler;
    this.retransmitTimer = new TransactionTimer(scheduler, () => this.retransmit());
    this.timeoutTimer = new TransactionTimer(scheduler, () => {
      if (this.awaitingFinal()) this.timeout();
    });
    this.completedTimer = new TransactionTimer(scheduler, () => this.terminate());
  }

  /** Sends the request, starts the 64*T1 timeout and, on unreliable transports, the retransmission timer at T1. */
  start(): void {
    if (this.current !== this.initialState() || this.timeoutTimer.running) return;
    const t1 = this.context.timers.t1;
    this.timeoutTimer.start(64 * t1);
    if (!this.reliable) {
      this.retransmitInterval = t1;
      this.retransmitTimer.start(t1);
    }
    this.transmit(this.requestData);
  }

  /** The interval of the next retransmission after one at `previous` ms, or `undefined` when the state retransmits no more. */
  protected abstract nextRetransmitInterval(previous: number): number | undefined;

  /** Whether the machine is in a state where the timeout (Timer B / Timer F) ends it. */
  protected abstract awaitingFinal(): boolean;

  /** How long "Completed" lasts on an unreliable transport (Timer D / Timer K). */
  protected abstract completedWait(): number;

  private retransmit(): void {
    const next = this.nextRetransmitInterval(this.retransmitInterval);
    if (next === undefined) return;
    this.retransmitInterval = next;
    this.retransmitTimer.start(next);
    this.transmit(this.requestData);
  }

  /** Stops the retransmission timer and the timeout: a response has left the initial state. */
  protected stopRetransmissions(): void {
    this.retransmitTimer.stop();
    this.timeoutTimer.stop();
  }

  /** In "Completed": terminates at once on a reliable transport, else after {@link completedWait}. */
  protected waitInCompleted(): void {
    if (this.current !== 'completed') return;
    if (this.reliable) this.terminate();
    else this.completedTimer.start(this.completedWait());
  }

  /** Feeds a response matched to this transaction (§17.1.3). */
  abstract receiveResponse(response: SIPResponse): void;

  /** Records the final outcome and passes a final response up. */
  protected passFinal(response: SIPResponse): void {
    this.outcome = 'response';
    this.user.receiveResponse(response, this);
  }

  /** Reports Timer B / Timer F, then terminates: `terminated` is always the user's last callback. */
  protected timeout(): void {
    this.outcome = 'timeout';
    this.error = new TransactionTimeoutError(
      `${this.request.method} to ${this.target.host}:${this.target.port} got no final response within 64*T1 (${64 * this.context.timers.t1} ms)`,
    );
    this.stopTimers();
    this.user.timedOut?.(this);
    this.terminate();
  }

  /** Transport error before a final response: the outcome is `'transport-error'` and the user is told (§17.1.4). */
  transportFailed(error: unknown): void {
    if (this.state === 'terminated') return;
    if (this.outcome !== undefined) {
      this.terminate();
      return;
    }
    this.outcome = 'transport-error';
    this.error = error;
    this.stopTimers();
    this.user.transportFailed?.(error, this);
    this.terminate();
  }

  /** Stops every timer of the machine. */
  protected stopTimers(): void {
    this.retransmitTimer.stop();
    this.timeoutTimer.stop();
    this.completedTimer.stop();
  }

  terminate(): void {
    if (this.current === 'terminated') return;
    this.current = 'terminated';
    this.stopTimers();
    this.context.terminated?.(this);
    this.user.terminated?.(this);
  }
}
