/**
 * The UAS core of the Engine (RFC 3261 §8.2): the transaction layer's core. A new
 * request is checked (§8.2.1-§8.2.3: 400/505 for bad syntax, 416 for an unsupported
 * URI scheme, 420 for unsupported extensions), offered to the handlers of its method,
 * and answered by the Engine when no handler claims it: OPTIONS with 200 and the
 * capabilities (§11.2), a served method inside a dialog nobody owns with 481 (§12.2.2),
 * a known method with 405 and Allow (§8.2.1), an unknown one with 501 (§21.5.2). ACKs of 2xx and stray responses go to their handlers or are absorbed.
 */
import { createResponse, validateRequest, type SIPRequest, type SIPResponse } from '../message/index.js';
import type { ServerTransaction, TransactionCore, TransactionFlow } from '../transaction/index.js';
import type { Flow } from '../transport/index.js';
import type { EngineLogLevel } from './notifications.js';
import { HandlerList, RequestHandlers, type AckHandler, type StrayResponseHandler } from './request-handlers.js';
import { singleLineReason } from './reason-text.js';

/** Methods of RFC 3261 and its extensions that a UA recognizes (RFC 3261 §8.2.1: 405, not 501). */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'REGISTER', // RFC 3261
  'PRACK', // RFC 3262
  'SUBSCRIBE', 'NOTIFY', // RFC 6665
  'PUBLISH', // RFC 3903
  'INFO', // RFC 6086
  'REFER', // RFC 3515
  'MESSAGE', // RFC 3428
  'UPDATE', // RFC 3311
]);

/** What the dispatcher needs from the Engine. */
export interface DispatcherContext {
  readonly handlers: RequestHandlers;
  readonly ackHandlers: HandlerList<AckHandler>;
  readonly strayResponseHandlers: HandlerList<StrayResponseHandler>;
  /** Option tags supported (Supported; Require checks). */
  readonly supported: readonly string[];
  /** Request-URI schemes served. */
  readonly uriSchemes: readonly string[];
  /** The flow a request arrived on. */
  flowOf(request: SIPRequest): Flow;
  /** Sends a response on a server transaction (adds Server). */
  respond(transaction: ServerTransaction, response: SIPResponse): void;
  log(level: EngineLogLevel, message: string): void;
}

/** The Engine's {@link TransactionCore}. */
export class RequestDispatcher implements TransactionCore {
  constructor(private readonly context: DispatcherContext) {}

  /** The Allow list: OPTIONS, every method with a handler, and ACK and CANCEL with INVITE (§20.5). */
  get allow(): string[] {
    const methods = new Set(['OPTIONS', ...this.context.handlers.methods]);
    if (methods.has('INVITE')) {
      methods.add('ACK');
      methods.add('CANCEL');
    }
    return [...methods];
  }

  receiveRequest(request: SIPRequest, transaction: ServerTransaction): void {
    const context = this.context;
    const fault = validateRequest(request, { uriSchemes: context.uriSchemes, supportedExtensions: context.supported });
    if (fault !== undefined) {
      const response = createResponse(request, fault.status, singleLineReason(fault.reason));
      if (fault.unsupported) response.setHeader('Unsupported', fault.unsupported.join(', '));
      context.log('info', `${request.method} ${request.uriText} answered ${fault.status} ${fault.reason}`);
      context.respond(transaction, response);
      return;
    }
    const method = request.method;
    if (context.handlers.get(method)?.claim(request, transaction, context.flowOf(request))) return;
    context.respond(transaction, this.defaultResponse(request));
  }

  receiveAck(ack: SIPRequest, flow: TransactionFlow): void {
    if (!this.context.ackHandlers.claim(ack, flow as Flow)) {
      this.context.log('debug', `ACK for ${ack.callId} matched nothing and was absorbed`);
    }
  }

  receiveStrayResponse(response: SIPResponse, flow: TransactionFlow): void {
    if (!this.context.strayResponseHandlers.claim(response, flow as Flow)) {
      this.context.log('debug', `${response.status} response to ${response.cseq.method} matched no transaction and was dropped`);
    }
  }

  reportError(error: unknown, message: SIPRequest | SIPResponse): void {
    const what = 'method' in message ? `${message.method} request` : `${message.status} response`;
    this.context.log('warning', `${what} from the network failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** The answer to a request no handler claimed. */
  private defaultResponse(request: SIPRequest): SIPResponse {
    const method = request.method;
    if (method === 'OPTIONS') {
      const response = createResponse(request, 200);
      response.setHeader('Allow', this.allow.join(', '));
      response.setHeader('Accept', this.context.handlers.accept.join(', '));
      response.setHeader('Supported', this.context.supported.join(', '));
      return response;
    }
    // A method we serve, inside a dialog no handler owns: the dialog does not exist (§12.2.2).
    // Methods we do not serve still get 405/501 first, as §8.2.1 comes before §8.2.2.2.
    if (request.to.tag !== undefined && this.allow.includes(method)) return createResponse(request, 481);
    if (KNOWN_METHODS.has(method)) {
      const response = createResponse(request, 405);
      response.setHeader('Allow', this.allow.join(', '));
      return response;
    }
    return createResponse(request, 501);
  }
}
