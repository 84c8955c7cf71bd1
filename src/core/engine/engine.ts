/**
 * The SIP Engine (python-sipsimple's `Engine`): the entry point of the SIP stack. It
 * opens the transports from its settings, joins them to the transaction layer
 * (RFC 3261 §17, §18), answers and dispatches incoming requests (§8.2), sends requests
 * with RFC 3263 failover (§8.1), traces every message in and out, and logs.
 */
import { DNSLookup } from '../../lookup/index.js';
import { NotificationSender, type NotificationCenter } from '../../notification/index.js';
import type { SIPRequest, SIPResponse } from '../message/index.js';
import {
  TransactionLayer,
  type ServerTransaction,
  type TransactionTarget,
} from '../transaction/index.js';
import { TransportManager, formatEndpoint, type Endpoint, type TransportProtocol } from '../transport/index.js';
import { resolveEngineSettings, type EngineSettings, type ResolvedEngineSettings } from './engine-settings.js';
import { EngineError } from './errors.js';
import { IncomingPipeline } from './incoming-pipeline.js';
import type { EngineLogLevel } from './notifications.js';
import { RequestDispatcher } from './request-dispatcher.js';
import {
  HandlerList,
  RequestHandlers,
  type AckHandler,
  type RequestHandler,
  type RequestHandlerOptions,
  type StrayResponseHandler,
} from './request-handlers.js';
import { RequestSender, type SendRequestOptions } from './request-sender.js';
import { SIPTracer } from './sip-trace.js';
import { TransportAdapter } from './transport-adapter.js';
import './notifications.js';

/** Options of the {@link Engine} constructor. */
export interface EngineOptions {
  /** Where the engine posts its notifications; the default center otherwise. */
  notificationCenter?: NotificationCenter;
  /** The DNS lookup used to locate destinations (RFC 3263); one on the same center otherwise. */
  dnsLookup?: DNSLookup;
}

/** The engine's lifecycle state. */
export type EngineState = 'stopped' | 'starting' | 'started' | 'stopping';

/** What exists while the engine runs. */
interface Running {
  settings: ResolvedEngineSettings;
  transports: TransportManager;
  adapter: TransportAdapter;
  layer: TransactionLayer;
  pipeline: IncomingPipeline;
  dispatcher: RequestDispatcher;
  sender: RequestSender;
}

/**
 * The SIP stack. `await engine.start(settings)` opens the transports; upper layers
 * register request handlers per method and send requests; `await engine.stop()`
 * ends every transaction and closes every socket.
 */
export class Engine extends NotificationSender {
  private readonly dnsLookup: DNSLookup;
  private readonly tracer: SIPTracer;
  private readonly handlers = new RequestHandlers();
  private readonly ackHandlers = new HandlerList<AckHandler>();
  private readonly strayResponseHandlers = new HandlerList<StrayResponseHandler>();
  private current: EngineState = 'stopped';
  private running: Running | undefined;

  constructor(options: EngineOptions = {}) {
    super(options.notificationCenter);
    this.dnsLookup = options.dnsLookup ?? new DNSLookup({ notificationCenter: this.notificationCenter });
    this.tracer = new SIPTracer(this.notificationCenter, this);
  }

  /** The lifecycle state. */
  get state(): EngineState {
    return this.current;
  }

  /** Whether the engine is started. */
  get isRunning(): boolean {
    return this.current === 'started';
  }

  /** The settings in use (defaults applied); throws when the engine is not started. */
  get settings(): ResolvedEngineSettings {
    return this.need().settings;
  }

  /** The transaction layer; throws when the engine is not started. */
  get transactionLayer(): TransactionLayer {
    return this.need().layer;
  }

  /** The transport manager; throws when the engine is not started. */
  get transportManager(): TransportManager {
    return this.need().transports;
  }

  /** The Allow list of the engine's answers: OPTIONS and every method with a handler. */
  get allowedMethods(): string[] {
    return this.running?.dispatcher.allow ?? ['OPTIONS', ...this.handlers.methods];
  }

  /**
   * Opens the transports and starts serving. Posts `SIPEngineWillStart`, then
   * `SIPEngineDidStart`, or `SIPEngineDidFail` and rejects when something cannot start.
   * Rejects with `already-started` when the engine is not stopped.
   */
  async start(settings: EngineSettings = {}): Promise<void> {
    if (this.current !== 'stopped') throw new EngineError('already-started', `the engine is ${this.current}; stop it before starting it again`);
    this.current = 'starting';
    this.post('SIPEngineWillStart');
    let transports: TransportManager | undefined;
    try {
      const resolved = await resolveEngineSettings(settings);
      transports = new TransportManager(resolved.transport);
      await transports.start(resolved.listeners);
      this.running = this.assemble(resolved, transports);
    } catch (error) {
      await transports?.stop();
      this.current = 'stopped';
      this.post('SIPEngineDidFail', { error: errorText(error) });
      throw error;
    }
    this.current = 'started';
    const listening = this.running.settings.listeners
      .map((listener) => `${listener.protocol} ${formatEndpoint(transports.localEndpoint(listener.protocol, listener.host.includes(':') ? 6 : 4))}`)
      .join(', ');
    this.log('info', `SIP engine started; listening on ${listening || 'nothing'}`);
    this.post('SIPEngineDidStart');
  }

  /** Ends every transaction and closes every socket. Posts `SIPEngineWillEnd` and `SIPEngineDidEnd`; rejects with `not-started` when not started. */
  async stop(): Promise<void> {
    if (this.current !== 'started' || this.running === undefined) {
      throw new EngineError('not-started', `the engine is ${this.current}; only a started engine can be stopped`);
    }
    const running = this.running;
    this.current = 'stopping';
    this.post('SIPEngineWillEnd');
    running.layer.stop();
    running.transports.removeAllListeners();
    await running.transports.stop();
    this.running = undefined;
    this.current = 'stopped';
    this.post('SIPEngineDidEnd');
  }

  /**
   * Registers a handler of new requests of `method` (case-sensitive); returns a function
   * that removes it. Handlers are asked in registration order until one claims the request.
   */
  addRequestHandler(method: string, handler: RequestHandler, options: RequestHandlerOptions = {}): () => void {
    if (method === 'ACK' || method === 'CANCEL') {
      throw new EngineError('invalid-settings', `${method} has no request handler: use addAckHandler(), and CANCEL is answered by the transaction layer (RFC 3261 §9.2)`);
    }
    return this.handlers.add(method, handler, options);
  }

  /** Registers a handler of ACKs outside any transaction (ACKs of 2xx, RFC 3261 §13.3.1.4); returns its remover. */
  addAckHandler(handler: AckHandler): () => void {
    return this.ackHandlers.add(handler);
  }

  /** Registers a handler of responses matching no client transaction (RFC 3261 §13.2.2.4); returns its remover. */
  addStrayResponseHandler(handler: StrayResponseHandler): () => void {
    return this.strayResponseHandlers.add(handler);
  }

  /**
   * Sends `request` on a client transaction (RFC 3261 §8.1, §17.1) and resolves with its
   * final response; see {@link SendRequestOptions} for destinations, provisional
   * responses and the transactions. Rejects with an {@link EngineError}: `no-route` when
   * no destination is found, `request-failed` when every destination timed out or failed.
   */
  sendRequest(request: SIPRequest, options: SendRequestOptions = {}): Promise<SIPResponse> {
    try {
      return this.need().sender.send(request, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Sends the ACK of a 2xx outside any transaction (RFC 3261 §13.2.2.4) to `target`. */
  sendAck(ack: SIPRequest, target: TransactionTarget): Promise<void> {
    try {
      const running = this.need();
      running.sender.complete(ack);
      return running.layer.sendAck(ack, target);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Sends `response` on the server transaction of its request (RFC 3261 §17.2), which
   * sends it per §18.2.2: over the request's connection on reliable transports, to the
   * `received`/`rport` address on UDP. Adds Server when absent. Throws the transaction's
   * error when its state forbids the response.
   */
  sendResponse(transaction: ServerTransaction, response: SIPResponse): void {
    this.decorateResponse(response);
    transaction.respond(response);
  }

  /** The local address of a transport, for Contact (RFC 3261 §8.1.1.8). */
  localEndpoint(protocol: TransportProtocol, family?: 4 | 6): Endpoint {
    return this.need().transports.localEndpoint(protocol, family);
  }

  /** Posts a `SIPEngineLog` line. */
  log(level: EngineLogLevel, message: string): void {
    this.post('SIPEngineLog', { level, message });
  }

  private decorateResponse(response: SIPResponse): void {
    const userAgent = this.running?.settings.userAgent;
    if (userAgent !== undefined && !response.hasHeader('Server')) response.setHeader('Server', userAgent);
  }

  private need(): Running {
    if (this.current !== 'started' || this.running === undefined) {
      throw new EngineError('not-started', `the engine is ${this.current}`);
    }
    return this.running;
  }

  /** Joins the parts once the transports listen. */
  private assemble(settings: ResolvedEngineSettings, transports: TransportManager): Running {
    const families = [settings.ipv4Address === null ? [] : [4 as const], settings.ipv6Address === null ? [] : [6 as const]].flat();
    const adapter = new TransportAdapter(transports, this.tracer, families);
    const log = (level: EngineLogLevel, message: string) => this.log(level, message);
    let pipeline: IncomingPipeline | undefined;
    const dispatcher = new RequestDispatcher({
      handlers: this.handlers,
      ackHandlers: this.ackHandlers,
      strayResponseHandlers: this.strayResponseHandlers,
      supported: settings.supported,
      uriSchemes: settings.uriSchemes,
      flowOf: (request) => pipeline!.flowOf(request),
      respond: (transaction, response) => this.sendResponse(transaction, response),
      log,
    });
    const layer = new TransactionLayer({
      transport: adapter,
      core: dispatcher,
      timers: settings.timers,
      // RFC 3261 §18.1.1 moves large requests to TCP; without TCP they stay on UDP (IP fragments them).
      maxDatagramSize: settings.transports.includes('tcp') ? settings.maxDatagramSize : Infinity,
    });
    pipeline = new IncomingPipeline({
      tracer: this.tracer,
      transport: adapter,
      deliver: (message, flow) => layer.receive(message, flow),
      decorateResponse: (response) => this.decorateResponse(response),
      log,
    });
    const sender = new RequestSender({
      layer,
      lookup: this.dnsLookup,
      transports: settings.transports,
      userAgent: settings.userAgent,
      tlsServerName: settings.tlsServerName,
      log,
    });
    const incoming = pipeline;
    transports.on('message', (data, flow) => incoming.receive(data, flow));
    transports.on('flow-closed', (flow, error) => {
      layer.flowClosed(flow);
      if (error) log('info', `${flow.protocol} connection to ${formatEndpoint(flow.remote)} closed: ${error.message}`);
    });
    transports.on('error', (error) => log('warning', error.message));
    return { settings, transports, adapter, layer, pipeline, dispatcher, sender };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
