/**
 * The send path of the Engine's UAC core (RFC 3261 §8.1.1, §8.1.2, §18.1.1; RFC 3263 §4):
 * completes a request (Max-Forwards, User-Agent), picks its destinations (the given
 * routes, else the first Route header field, else the Request-URI, located with RFC 3263
 * DNS), moves a UDP request too large for a datagram to TCP, runs one client transaction
 * per destination and fails over to the next on timeout, transport error or 503.
 */
import { DNSLookupError, RouteFailoverError, tryRoutes, type DNSLookup, type Route, type SIPTransport } from '../../lookup/index.js';
import type { SIPRequest, SIPResponse } from '../message/index.js';
import type { ClientTransaction, ClientTransactionUser, TransactionLayer, TransactionTarget } from '../transaction/index.js';
import type { TransportProtocol } from '../transport/index.js';
import { EngineError } from './errors.js';
import type { EngineLogLevel } from './notifications.js';

/** Options of {@link Engine.sendRequest}. */
export interface SendRequestOptions {
  /**
   * Destinations to try in order (an outbound proxy, or routes already located),
   * instead of locating the first Route or the Request-URI with DNS.
   */
  routes?: readonly Route[];
  /** Every response of the request: provisional, final, and further 2xx to INVITE (RFC 6026 §7.2). */
  onResponse?(response: SIPResponse): void;
  /** Each client transaction as it starts (one per destination tried), e.g. to CANCEL it. */
  onTransaction?(transaction: ClientTransaction): void;
  /** Stops the failover to further destinations. */
  signal?: AbortSignal;
}

/** What the sender needs from the Engine. */
export interface RequestSenderContext {
  readonly layer: TransactionLayer;
  readonly lookup: DNSLookup;
  /** Transports usable for sending, most preferred first. */
  readonly transports: readonly TransportProtocol[];
  readonly userAgent: string;
  /** Certificate name for TLS destinations that carry none. */
  readonly tlsServerName: string | undefined;
  log(level: EngineLogLevel, message: string): void;
}

/** RFC 3261 §8.1.1.6: the initial Max-Forwards. */
export const DEFAULT_MAX_FORWARDS = 70;

/** Sends requests on client transactions with RFC 3263 failover. */
export class RequestSender {
  constructor(private readonly context: RequestSenderContext) {}

  /** Sends `request`; resolves with its final response (the last 503 when every destination gave one). */
  async send(request: SIPRequest, options: SendRequestOptions = {}): Promise<SIPResponse> {
    if (request.method === 'ACK') throw new EngineError('no-route', 'an ACK is not sent on a transaction; use Engine.sendAck()');
    this.complete(request);
    const routes = options.routes ?? (await this.locate(request, options.signal));
    try {
      const { result } = await tryRoutes(routes, (route) => this.attempt(request, route, options), {
        needsFailover: (response) => response.status === 503,
        shouldFailover: (error) => !(error instanceof EngineError && error.code === 'stopped'),
        onFailover: (route, reason) =>
          this.context.log(
            'info',
            `${request.method} to ${route.toString()} failed (${reason.result ? `${reason.result.status} ${reason.result.reason}` : errorText(reason.error)}); trying the next destination`,
          ),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return result;
    } catch (error) {
      if (error instanceof RouteFailoverError) {
        throw new EngineError('request-failed', `${request.method} ${request.uriText}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  /** Adds Max-Forwards (§8.1.1.6) and User-Agent (§20.41) when absent. */
  complete(request: SIPRequest): void {
    if (!request.hasHeader('Max-Forwards')) request.addHeader('Max-Forwards', DEFAULT_MAX_FORWARDS);
    if (!request.hasHeader('User-Agent')) request.addHeader('User-Agent', this.context.userAgent);
  }

  /** The destinations of `request` (RFC 3261 §8.1.2, RFC 3263 §4): its first Route's URI, else its Request-URI. */
  async locate(request: SIPRequest, signal?: AbortSignal): Promise<readonly Route[]> {
    const uri = request.route[0]?.uri ?? request.uri;
    if (uri.kind !== 'sip') throw new EngineError('no-route', `cannot send a request to the ${uri.scheme} URI ${uri.toString()}`);
    const transports = this.context.transports as readonly SIPTransport[];
    try {
      const routes = await this.context.lookup.lookupSIPProxy(uri, transports, signal === undefined ? {} : { signal });
      if (routes.length === 0) throw new EngineError('no-route', `no destination found for ${uri.toString()}`);
      return routes;
    } catch (error) {
      if (error instanceof DNSLookupError) {
        throw new EngineError('no-route', `cannot locate ${uri.toString()}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  /** One client transaction to `route`: resolves with its final response, rejects on Timer B/F or a transport error. */
  private attempt(request: SIPRequest, route: Route, options: SendRequestOptions): Promise<SIPResponse> {
    // The transaction layer moves a request too large for UDP to TCP (RFC 3261 §18.1.1).
    const protocol: TransportProtocol = route.transport;
    const tlsServerName = route.tlsName ?? this.context.tlsServerName;
    const target: TransactionTarget = {
      protocol,
      host: route.address,
      port: route.effectivePort,
      ...(tlsServerName === undefined ? {} : { tlsServerName }),
    };
    return new Promise((resolve, reject) => {
      let settled = false;
      const user: ClientTransactionUser = {
        receiveResponse(response) {
          options.onResponse?.(response);
          if (!settled && response.status >= 200) {
            settled = true;
            resolve(response);
          }
        },
        timedOut(transaction) {
          settled = true;
          reject(new EngineError('request-failed', `${transaction.request.method} to ${route.toString()} timed out`));
        },
        transportFailed(error) {
          settled = true;
          reject(error);
        },
        terminated(transaction) {
          // Ended with no outcome: the engine stopped (TransactionLayer.stop()). A timeout or
          // transport error sets the outcome first and is reported by its own callback.
          if (settled || transaction.outcome !== undefined) return;
          settled = true;
          reject(new EngineError('stopped', `${transaction.request.method} to ${route.toString()} was ended: the engine stopped`));
        },
      };
      try {
        const transaction = this.context.layer.sendRequest(request, target, user);
        options.onTransaction?.(transaction);
      } catch (error) {
        settled = true;
        reject(error);
      }
    });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
