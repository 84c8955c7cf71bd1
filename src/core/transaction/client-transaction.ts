/** Common part of the INVITE and non-INVITE client transactions (RFC 3261 §17.1). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { TransactionTimeoutError } from './errors.js';
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

/** A client transaction: sends a request, retransmits it on unreliable transports, and passes responses up. */
export abstract class ClientTransaction extends Transaction {
  /** How the transaction ended; `undefined` while it runs. */
  outcome: ClientTransactionOutcome | undefined = undefined;
  /** The transport error when {@link outcome} is `'transport-error'`, a {@link TransactionTimeoutError} when it is `'timeout'`. */
  error: unknown = undefined;
  /** The serialized request, sent once and retransmitted as is. */
  protected readonly requestData: Buffer;

  protected constructor(
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
  }

  /** Sends the request and starts the timers of the initial state. */
  abstract start(): void;

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
  protected abstract stopTimers(): void;

  terminate(): void {
    if (this.current === 'terminated') return;
    this.current = 'terminated';
    this.stopTimers();
    this.context.terminated?.(this);
    this.user.terminated?.(this);
  }
}
