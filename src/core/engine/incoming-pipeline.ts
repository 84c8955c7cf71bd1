/**
 * The receive path of the Engine (RFC 3261 §18.2.1, §18.1.2): bytes from the transport
 * are traced and parsed; a request whose transaction-identifying header fields do not
 * parse is answered 400 statelessly with a Reason phrase naming the fault (or dropped
 * when not even that can be built), unparseable bytes and malformed responses are
 * logged and dropped, the top Via of a request gets `received`/`rport` (RFC 3581), and
 * the message goes to the transaction layer. Extra octets after Content-Length in a
 * datagram are cut off by the parser (RFC 4475 §3.1.1.8).
 */
import { ParserError } from '../../errors.js';
import {
  createResponse,
  parseMessage,
  validateRequest,
  validateResponse,
  type SIPRequest,
  type SIPResponse,
} from '../message/index.js';
import { responseTarget, type TransactionFlow, type TransactionTarget, type TransactionTransport } from '../transaction/index.js';
import { formatEndpoint, type Flow } from '../transport/index.js';
import { EngineError } from './errors.js';
import type { EngineLogLevel } from './notifications.js';
import { singleLineReason } from './reason-text.js';
import type { SIPTracer } from './sip-trace.js';
import { stampTopVia } from './via-received.js';

/** What the pipeline needs from the Engine. */
export interface IncomingPipelineContext {
  readonly tracer: SIPTracer;
  readonly transport: TransactionTransport;
  /** The transaction layer's entry point. */
  deliver(message: SIPRequest | SIPResponse, flow: TransactionFlow): void;
  /** Adds the Server header to responses the Engine generates. */
  decorateResponse(response: SIPResponse): void;
  log(level: EngineLogLevel, message: string): void;
}


function describe(flow: Flow): string {
  return `${formatEndpoint(flow.remote)} over ${flow.protocol}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `data` holds nothing but CR and LF (a keep-alive, RFC 5626 §3.5.1). */
function isKeepAlive(data: Buffer): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0x0d && data[i] !== 0x0a) return false;
  return true;
}

/** The fault that keeps `request` from the transaction layer: a transaction key that does not parse (RFC 3261 §17.2.3). */
function keyFault(request: SIPRequest): unknown {
  try {
    if (request.via[0] === undefined) return new ParserError('no Via header field', { element: 'Via' });
    void request.cseq;
    void request.callId;
    void request.from;
    void request.to;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Parses, checks and routes every message the transport delivers. */
export class IncomingPipeline {
  private readonly arrivals = new WeakMap<SIPRequest, Flow>();

  constructor(private readonly context: IncomingPipelineContext) {}

  /** The flow `request` arrived on (requests delivered by this pipeline only). */
  flowOf(request: SIPRequest): Flow {
    const flow = this.arrivals.get(request);
    if (flow === undefined) throw new EngineError('unknown-request', `the ${request.method} request did not arrive through this engine`);
    return flow;
  }

  /** Handles one message from the transport; never throws. */
  receive(data: Buffer, flow: Flow): void {
    const context = this.context;
    context.tracer.trace(true, data, flow);
    if (isKeepAlive(data)) return;
    let message: SIPRequest | SIPResponse;
    try {
      message = parseMessage(data);
    } catch (error) {
      context.log('warning', `dropped an unparseable message from ${describe(flow)}: ${errorText(error)}`);
      return;
    }
    try {
      if ('method' in message) this.receiveRequest(message, flow);
      else this.receiveResponse(message, flow);
    } catch (error) {
      context.log('error', `failed to handle a message from ${describe(flow)}: ${errorText(error)}`);
    }
  }

  private receiveResponse(response: SIPResponse, flow: Flow): void {
    const fault = validateResponse(response);
    if (fault !== undefined) {
      this.context.log('warning', `dropped a malformed ${response.status} response from ${describe(flow)}: ${fault}`);
      return;
    }
    this.context.deliver(response, flow);
  }

  private receiveRequest(request: SIPRequest, flow: Flow): void {
    const fault = keyFault(request);
    if (fault !== undefined) {
      if (!(fault instanceof ParserError)) throw fault;
      this.answerMalformed(request, flow, fault);
      return;
    }
    stampTopVia(request, flow);
    this.arrivals.set(request, flow);
    this.context.deliver(request, flow);
  }

  /** Answers a request without a usable transaction key with 400 (or 505) outside any transaction. */
  private answerMalformed(request: SIPRequest, flow: Flow, fault: ParserError): void {
    const context = this.context;
    const summary = `${request.method} from ${describe(flow)}`;
    // Without Via a response has no way back (RFC 3261 §18.2.2); without From, To or Call-ID
    // it is still sent, copying what there is: RFC 4475 §3.3.1 asks for a 400 even then.
    if (request.method === 'ACK' || !request.hasHeader('Via')) {
      context.log('warning', `dropped a malformed ${summary} (${request.method === 'ACK' ? 'an ACK is never answered' : 'no Via'}): ${fault.message}`);
      return;
    }
    let status = 400;
    let reason = fault.element === undefined ? 'Bad Request' : `Malformed ${fault.element} Header Field`;
    try {
      const found = validateRequest(request);
      if (found !== undefined) ({ status, reason } = found);
    } catch (error) {
      context.log('debug', `validation of a malformed ${summary} failed: ${errorText(error)}`);
    }
    let target: TransactionTarget;
    try {
      const via = stampTopVia(request, flow)!;
      target = responseTarget(via, flow, context.transport.isReliable(flow.protocol));
    } catch {
      target = { protocol: flow.protocol, host: flow.remote.host, port: flow.remote.port, flow };
    }
    // Built after the Via got received/rport, which the response copies.
    const response = createResponse(request, status, singleLineReason(reason));
    context.decorateResponse(response);
    context.log('info', `answered a malformed ${summary} with ${status} ${reason}: ${fault.message}`);
    context.transport.send(response.toBuffer(), target).catch((error: unknown) => {
      context.log('warning', `could not send ${status} to ${summary}: ${errorText(error)}`);
    });
  }
}
