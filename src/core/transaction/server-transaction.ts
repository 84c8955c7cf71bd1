/** Common part of the INVITE and non-INVITE server transactions (RFC 3261 §17.2). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { TransactionError } from './errors.js';
import { Transaction, type TransactionContext } from './transaction.js';
import type { TransactionTarget } from './transport.js';

/** The transaction user (UAS core) of a server transaction. Every callback is optional. */
export interface ServerTransactionUser {
  /** The ACK for a non-2xx final response arrived (INVITE server transaction, §17.2.1). */
  acknowledged?(ack: SIPRequest, transaction: ServerTransaction): void;
  /** A CANCEL matched this pending INVITE transaction; the CANCEL itself was answered 200 (§9.2). */
  cancelled?(cancel: SIPRequest, transaction: ServerTransaction): void;
  /** Timer H fired: no ACK came for the non-2xx final response (§17.2.1). */
  timedOut?(transaction: ServerTransaction): void;
  /** The transport could not deliver a response (§17.2.4). */
  transportFailed?(error: unknown, transaction: ServerTransaction): void;
  /** The transaction reached "Terminated". */
  terminated?(transaction: ServerTransaction): void;
}

/** A server transaction: absorbs request retransmissions and sends (and retransmits) the TU's responses. */
export abstract class ServerTransaction extends Transaction {
  /** Who is told about ACK, CANCEL, timeouts and failures; set by the UAS core. */
  user: ServerTransactionUser | undefined = undefined;
  /** The last provisional response sent, serialized (resent on request retransmissions). */
  protected provisionalData: Buffer | undefined = undefined;
  /** The final response sent, serialized. */
  protected finalData: Buffer | undefined = undefined;
  /** The last response the TU passed to the transaction. */
  lastResponse: SIPResponse | undefined = undefined;

  protected constructor(request: SIPRequest, target: TransactionTarget, context: TransactionContext) {
    super(request, target, context);
  }

  /** Sends a response from the TU, following the state machine; throws {@link TransactionError} when the state forbids it. */
  abstract respond(response: SIPResponse): void;

  /** Feeds a request matched to this transaction: a retransmission, or the ACK of an INVITE transaction (§17.2.3). */
  abstract receiveRequest(request: SIPRequest): void;

  /** Whether the TU already sent a final response. */
  get hasFinalResponse(): boolean {
    return this.finalData !== undefined;
  }

  /** Checks the status code of a response from the TU. */
  protected checkStatus(response: SIPResponse): number {
    const status = response.status;
    if (!Number.isInteger(status) || status < 100 || status > 699) {
      throw new TransactionError(`cannot send a response with status ${status}`);
    }
    return status;
  }

  /** Rejects a response the current state cannot send. */
  protected refuse(response: SIPResponse): never {
    throw new TransactionError(
      `cannot send a ${response.status} response to ${this.request.method} in state ${this.current}`,
    );
  }

  /**
   * Transport error: the transaction ends and the TU is told (§17.2.4), also when the
   * failed response was the last one of a transaction that already ended (reliable transports).
   */
  transportFailed(error: unknown): void {
    this.terminate();
    this.user?.transportFailed?.(error, this);
  }

  /** Stops every timer of the machine. */
  protected abstract stopTimers(): void;

  terminate(): void {
    if (this.current === 'terminated') return;
    this.current = 'terminated';
    this.stopTimers();
    this.provisionalData = undefined;
    this.context.terminated?.(this);
    this.user?.terminated?.(this);
  }
}
