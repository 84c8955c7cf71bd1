/**
 * The transaction layer (RFC 3261 §17): creates client transactions for outgoing
 * requests, matches incoming responses and requests to transactions, creates server
 * transactions for new requests, answers CANCEL (§9.2) and merged requests (§8.2.2.2),
 * and hands everything that belongs to no transaction to the core.
 */
import { ParserError } from '../../errors.js';
import { createResponse, generateBranch, type SIPRequest, type SIPResponse, type Via } from '../message/index.js';
import type { ClientTransaction, ClientTransactionUser } from './client-transaction.js';
import { TransactionError } from './errors.js';
import { InviteClientTransaction } from './invite-client.js';
import { InviteServerTransaction } from './invite-server.js';
import { clientKey, mergedRequestKey, responseKey, serverKey, usesRFC2543Matching } from './matching.js';
import { NonInviteClientTransaction } from './non-invite-client.js';
import { NonInviteServerTransaction } from './non-invite-server.js';
import { responseTarget } from './response-target.js';
import { systemScheduler, type Scheduler } from './scheduler.js';
import type { ServerTransaction } from './server-transaction.js';
import { resolveTimerSettings, type TimerSettings } from './timer-settings.js';
import type { Transaction, TransactionContext } from './transaction.js';
import { formatHost, type TransactionFlow, type TransactionTarget, type TransactionTransport } from './transport.js';

/**
 * What is wrong with the header fields every transaction needs (From, To, Call-ID,
 * CSeq, and a CSeq method equal to the request method, §8.1.1.5), or `undefined`.
 */
function requestFault(request: SIPRequest): string | undefined {
  try {
    void request.from;
    void request.to;
    void request.callId;
    const cseq = request.cseq;
    if (cseq.method !== request.method) return `CSeq method ${cseq.method} differs from ${request.method}`;
  } catch (error) {
    if (error instanceof ParserError) return error.message;
    throw error;
  }
  return undefined;
}

/** What the layer hands to the core above it (UA core, §8). */
export interface TransactionCore {
  /** A new request with its new server transaction (never ACK, never CANCEL). The core must respond through the transaction. */
  receiveRequest(request: SIPRequest, transaction: ServerTransaction): void;
  /** An ACK that belongs to no transaction in Completed: the ACK of a 2xx (§13.3.1.4, RFC 6026 §8.7). */
  receiveAck(ack: SIPRequest, flow: TransactionFlow): void;
  /** A response that matched no client transaction, e.g. a retransmitted 2xx to INVITE (§13.2.2.4, §17.1.3). */
  receiveStrayResponse(response: SIPResponse, flow: TransactionFlow): void;
  /** A message the layer could not handle (malformed, or the core threw); it was dropped or answered 500. */
  reportError?(error: unknown, message: SIPRequest | SIPResponse): void;
}

/** Options of {@link TransactionLayer}. */
export interface TransactionLayerOptions {
  transport: TransactionTransport;
  core: TransactionCore;
  /** T1, T2, T4 and Timer D; RFC 3261 defaults otherwise. */
  timers?: Partial<TimerSettings>;
  /** The clock; the global timers by default. */
  scheduler?: Scheduler;
  /**
   * Requests larger than this many bytes that would go over UDP go over TCP instead
   * (RFC 3261 §18.1.1: path MTU unknown, 1300 bytes). Default 1300; `Infinity` never switches.
   */
  maxDatagramSize?: number;
}

/** The transaction manager: one per SIP stack. */
export class TransactionLayer implements TransactionContext {
  readonly transport: TransactionTransport;
  readonly timers: TimerSettings;
  readonly scheduler: Scheduler;
  private readonly core: TransactionCore;
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();
  /** Server transactions of requests without To tag, by From tag, Call-ID and CSeq (§8.2.2.2). */
  private readonly merged = new Map<string, ServerTransaction>();
  private readonly mergedKeys = new Map<ServerTransaction, string>();
  private readonly maxDatagramSize: number;

  constructor(options: TransactionLayerOptions) {
    this.transport = options.transport;
    this.core = options.core;
    this.timers = resolveTimerSettings(options.timers);
    this.scheduler = options.scheduler ?? systemScheduler;
    this.maxDatagramSize = options.maxDatagramSize ?? 1300;
  }

  /** Running client transactions. */
  get clientTransactionCount(): number {
    return this.clients.size;
  }

  /** Running server transactions. */
  get serverTransactionCount(): number {
    return this.servers.size;
  }

  /**
   * Sends `request` on a new client transaction (§17.1). The layer gives the request a
   * single new Via with a new branch and `rport` (§8.1.1.7, RFC 3581), except for CANCEL,
   * which keeps the Via (and branch) of the request it cancels (§9.1). A request too
   * large for UDP goes over TCP to the same address, and `target.protocol` says so
   * (§18.1.1); a CANCEL is sent to the target of the transaction it cancels. The user
   * may be called before this returns when the transport fails at once.
   */
  sendRequest(request: SIPRequest, target: TransactionTarget, user: ClientTransactionUser): ClientTransaction {
    const method = request.method;
    if (method === 'ACK') throw new TransactionError('ACK is not sent on a client transaction; use sendAck()');
    let branch: string | undefined;
    let data: Buffer;
    if (method === 'CANCEL') {
      branch = request.via[0]?.branch;
      if (branch === undefined) throw new TransactionError('a CANCEL needs the Via (with branch) of the request it cancels');
      data = request.toBuffer();
    } else {
      branch = generateBranch();
      this.setVia(request, target, branch);
      data = request.toBuffer();
      if (target.protocol === 'udp' && data.length > this.maxDatagramSize) {
        target.protocol = 'tcp';
        target.flow = undefined;
        this.setVia(request, target, branch);
        data = request.toBuffer();
      }
    }
    const key = clientKey(branch, method);
    if (this.clients.has(key)) throw new TransactionError(`a ${method} client transaction with branch ${branch} is already running`);
    const transaction =
      method === 'INVITE'
        ? new InviteClientTransaction(request, target, this, user, data)
        : new NonInviteClientTransaction(request, target, this, user, data);
    transaction.key = key;
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  /**
   * Sends the ACK of a 2xx outside any transaction (§13.2.2.4, §17.1.1.3). An ACK without
   * Via gets a new one with a new branch; an ACK sent before keeps its Via, so resending
   * the same object for a retransmitted 2xx sends the same ACK.
   */
  sendAck(ack: SIPRequest, target: TransactionTarget): Promise<void> {
    if (ack.method !== 'ACK') return Promise.reject(new TransactionError(`sendAck() was given a ${ack.method}`));
    if (!ack.hasHeader('Via')) this.setVia(ack, target, generateBranch());
    return this.transport.send(ack.toBuffer(), target).then((flow) => {
      if (flow) target.flow = flow;
    });
  }

  /** Feeds a message received on `flow` (one complete, parsed message from the transport). */
  receive(message: SIPRequest | SIPResponse, flow: TransactionFlow): void {
    try {
      if ('method' in message) this.receiveRequest(message, flow);
      else this.receiveResponse(message, flow);
    } catch (error) {
      this.core.reportError?.(error, message);
    }
  }

  /** The connection `flow` closed: transactions that depend on it on a reliable transport fail (§17.1.4, §17.2.4). */
  flowClosed(flow: TransactionFlow): void {
    const error = new TransactionError(`connection ${flow.id} to ${flow.remote.host}:${flow.remote.port} closed`);
    for (const table of [this.clients, this.servers] as Map<string, Transaction>[]) {
      for (const transaction of [...table.values()]) {
        if (transaction.reliable && transaction.target.flow?.id === flow.id) transaction.transportFailed(error);
      }
    }
  }

  /** Terminates every transaction and clears every timer. */
  stop(): void {
    for (const transaction of [...this.clients.values()]) transaction.terminate();
    for (const transaction of [...this.servers.values()]) transaction.terminate();
  }

  /** @internal Called by a transaction when it terminates. */
  terminated(transaction: Transaction): void {
    const key = transaction.key;
    if (this.clients.get(key) === transaction) {
      this.clients.delete(key);
      return;
    }
    const server = transaction as ServerTransaction;
    if (this.servers.get(key) === server) this.servers.delete(key);
    const merged = this.mergedKeys.get(server);
    if (merged !== undefined) {
      this.mergedKeys.delete(server);
      if (this.merged.get(merged) === server) this.merged.delete(merged);
    }
  }

  /** Gives `request` a single Via (RFC 3261 §8.1.1.7, §18.1.1) with `rport` (RFC 3581), placed first among the fields. */
  private setVia(request: SIPRequest, target: TransactionTarget, branch: string): void {
    const local = this.transport.localEndpoint(target);
    request.removeHeader('Via');
    request.addHeader(
      'Via',
      `SIP/2.0/${target.protocol.toUpperCase()} ${formatHost(local.host)}:${local.port};rport;branch=${branch}`,
      { first: true },
    );
  }

  private receiveResponse(response: SIPResponse, flow: TransactionFlow): void {
    if (response.via.length !== 1) {
      throw new TransactionError(`response with ${response.via.length} Via header values dropped (RFC 3261 §18.1.2)`);
    }
    const key = responseKey(response);
    const transaction = key === undefined ? undefined : this.clients.get(key);
    if (transaction === undefined) this.core.receiveStrayResponse(response, flow);
    else transaction.receiveResponse(response);
  }

  private receiveRequest(request: SIPRequest, flow: TransactionFlow): void {
    const via = request.via[0];
    if (via === undefined) throw new TransactionError(`${request.method} request without Via dropped`);
    const method = request.method;
    const fault = requestFault(request);
    if (fault !== undefined) {
      if (method !== 'ACK') this.rejectMalformed(request, via, flow, fault);
      throw new TransactionError(`malformed ${method} request: ${fault}`);
    }
    if (method === 'ACK') {
      this.receiveAck(request, flow);
      return;
    }
    const key = serverKey(request);
    const existing = this.servers.get(key);
    if (existing !== undefined) {
      existing.receiveRequest(request);
      return;
    }
    const target = responseTarget(via, flow, this.transport.isReliable(flow.protocol));
    const transaction =
      method === 'INVITE'
        ? new InviteServerTransaction(request, target, this)
        : new NonInviteServerTransaction(request, target, this);
    transaction.key = key;
    this.servers.set(key, transaction);
    if (method === 'CANCEL') {
      this.answerCancel(request, transaction);
      return;
    }
    if (request.to.tag === undefined) {
      const mergedKey = mergedRequestKey(request);
      if (this.merged.has(mergedKey)) {
        transaction.respond(createResponse(request, 482, 'Loop Detected'));
        return;
      }
      this.merged.set(mergedKey, transaction);
      this.mergedKeys.set(transaction, mergedKey);
    }
    try {
      this.core.receiveRequest(request, transaction);
    } catch (error) {
      if (!transaction.hasFinalResponse && transaction.state !== 'terminated') {
        transaction.respond(createResponse(request, 500, 'Server Internal Error'));
      }
      this.core.reportError?.(error, request);
    }
  }

  /** Answers a malformed request 400 without a transaction, with a Reason phrase naming the fault (§8.2, §21.4.1). */
  private rejectMalformed(request: SIPRequest, via: Via, flow: TransactionFlow, fault: string): void {
    const reason = 'Bad Request: ' + fault.replace(/[\r\n]+/g, ' ').slice(0, 120);
    const response = createResponse(request, 400, reason);
    const target = responseTarget(via, flow, this.transport.isReliable(flow.protocol));
    this.transport.send(response.toBuffer(), target).catch((error: unknown) => this.core.reportError?.(error, request));
  }

  /** ACK: absorbed by an INVITE server transaction in Completed/Confirmed (§17.2.1), else the core's (2xx ACK). */
  private receiveAck(ack: SIPRequest, flow: TransactionFlow): void {
    let transaction = this.servers.get(serverKey(ack));
    if (transaction === undefined && usesRFC2543Matching(ack)) {
      // RFC 2543 peers: the ACK carries the To tag the response added to a tag-less INVITE.
      const candidate = this.servers.get(serverKey(ack, 'INVITE', ''));
      if (candidate !== undefined && candidate.lastResponse?.to.tag === ack.to.tag) transaction = candidate;
    }
    if (transaction !== undefined && (transaction.state === 'completed' || transaction.state === 'confirmed')) {
      transaction.receiveRequest(ack);
    } else {
      this.core.receiveAck(ack, flow);
    }
  }

  /** Answers a new CANCEL (§9.2): 200 and the INVITE transaction's user is told, or 481 when nothing matches. */
  private answerCancel(cancel: SIPRequest, transaction: ServerTransaction): void {
    const invite = this.servers.get(serverKey(cancel, 'INVITE'));
    if (invite === undefined || invite.request.method !== 'INVITE') {
      transaction.respond(createResponse(cancel, 481, 'Call/Transaction Does Not Exist'));
      return;
    }
    const toTag = invite.lastResponse?.to.tag;
    transaction.respond(createResponse(cancel, 200, 'OK', toTag === undefined ? {} : { toTag }));
    if (invite.state === 'proceeding') invite.user?.cancelled?.(cancel, invite);
  }
}
