/**
 * Sending one request as a UAC (RFC 3261 §8.1): over a client transaction, to each
 * DNS route of the next hop in turn (RFC 3263 §4.3: on to the next one after a
 * timeout, a transport error or a 503), answering 401 and 407 challenges with an
 * {@link AuthenticationSession} (§22.2, §22.3: same Call-ID, CSeq plus one, new
 * branch). Every primitive (Request, Message, Registration, Publication,
 * Subscription) sends through {@link sendRequest}.
 */
import type { AuthenticationSession, DigestAuthenticator } from '../auth/index.js';
import type { SIPRequest, SIPResponse } from '../message/index.js';
import type {
  ClientTransaction,
  ClientTransactionUser,
  TransactionFlow,
  TransactionTarget,
} from '../transaction/index.js';
import type { SIPURI } from '../uri/index.js';
import { RouteFailoverError, tryRoutes, type Route } from '../../lookup/index.js';
import { RequestFailedError } from './errors.js';

/** What sending a request needs from the SIP stack; the Engine provides it (see `engineRequestStack`). */
export interface RequestStack {
  /** Starts a client transaction (RFC 3261 §17.1); the transaction layer's `sendRequest`. */
  sendRequest(request: SIPRequest, target: TransactionTarget, user: ClientTransactionUser): ClientTransaction;
  /** The routes to try for a next hop, most preferred first (RFC 3263 §4). */
  lookupRoutes(uri: SIPURI): Promise<Route[]>;
}

/** Options of {@link sendRequest}. */
export interface SendRequestOptions {
  /** A complete request but for Via (added per transaction) and the Authorization headers (added here). */
  request: SIPRequest;
  /** Routes to try in order; otherwise the next hop (first Route entry, else the Request-URI) is looked up. */
  routes?: readonly Route[];
  /** Answers 401/407 challenges; without it, a challenge is the final response. */
  authenticator?: DigestAuthenticator;
  /** A flow to send on when a route leads to its remote end (RFC 5626 §5: requests of a registration flow). */
  flow?: TransactionFlow;
  /** Called with each provisional response. */
  onProvisional?: (response: SIPResponse) => void;
  /** Stops waiting: the promise rejects with a {@link RequestFailedError} of kind `aborted`. */
  signal?: AbortSignal;
}

/** A request that got its final response. */
export interface SentRequest {
  /** The final response (a challenge that could not be answered is final too). */
  response: SIPResponse;
  /** The request as last sent (its CSeq and Authorization headers). */
  request: SIPRequest;
  /** The route that answered. */
  route: Route;
  /** The flow the final response came back on, when the transport reported one. */
  flow: TransactionFlow | undefined;
  /** Why a 401/407 was not answered again (wrong password, no credentials for the realm...). */
  authenticationFailure?: string;
}

/** The next hop of a request outside a dialog: the first Route entry, else the Request-URI (RFC 3261 §8.1.2). */
export function nextHop(request: SIPRequest): SIPURI {
  const routes = request.route;
  const uri = routes.length > 0 ? routes[0]!.uri : request.uri;
  if (uri.kind !== 'sip') {
    throw new RequestFailedError('no-route', `cannot send ${request.method}: the next hop ${uri.toString()} is not a SIP URI`);
  }
  return uri;
}

/** Whether `flow` leads to `route`'s address, port and transport. */
function flowMatches(flow: TransactionFlow, route: Route): boolean {
  return (
    flow.protocol.toLowerCase() === route.transport &&
    flow.remote.host === route.address &&
    flow.remote.port === route.effectivePort
  );
}

/** The transaction target of `route`. */
function targetOf(route: Route, flow: TransactionFlow | undefined): TransactionTarget {
  const target: TransactionTarget = { protocol: route.transport, host: route.address, port: route.effectivePort };
  if (route.tlsName !== undefined) target.tlsServerName = route.tlsName;
  if (flow !== undefined && flowMatches(flow, route)) target.flow = flow;
  return target;
}

/** Runs one client transaction; resolves with its final response, rejects on timeout or transport error. */
function transact(
  stack: RequestStack,
  request: SIPRequest,
  target: TransactionTarget,
  options: SendRequestOptions,
): Promise<{ response: SIPResponse; flow: TransactionFlow | undefined }> {
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    const onAbort = (): void => reject(new RequestFailedError('aborted', `${request.method} was stopped`, { cause: signal?.reason }));
    const settle = (): void => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    const where = `${target.host}:${target.port}/${target.protocol}`;
    try {
      stack.sendRequest(request, target, {
        receiveResponse(response, transaction) {
          if (response.status < 200) {
            options.onProvisional?.(response);
            return;
          }
          settle();
          resolve({ response, flow: transaction.target.flow });
        },
        timedOut(transaction) {
          settle();
          reject(new RequestFailedError('timeout', `${request.method} to ${where} timed out`, { cause: transaction.error }));
        },
        transportFailed(error) {
          settle();
          const detail = error instanceof Error ? error.message : String(error);
          reject(new RequestFailedError('transport', `${request.method} to ${where} failed: ${detail}`, { cause: error }));
        },
      });
    } catch (error) {
      settle();
      const detail = error instanceof Error ? error.message : String(error);
      reject(new RequestFailedError('transport', `${request.method} to ${where} could not be sent: ${detail}`, { cause: error }));
    }
  });
}

/** Puts the authorization headers of a (re-)send on `request`, replacing earlier ones. */
function applyAuthorization(request: SIPRequest, headers: AuthenticationSession['headers']): void {
  request.removeHeader('Authorization');
  request.removeHeader('Proxy-Authorization');
  for (const header of headers) request.addHeader(header.name, header.value);
}

/** Sends `request` to one route, re-sending it with credentials after each challenge the session answers. */
async function sendToRoute(
  stack: RequestStack,
  route: Route,
  options: SendRequestOptions,
  session: AuthenticationSession | undefined,
): Promise<SentRequest> {
  const request = options.request;
  for (;;) {
    const { response, flow } = await transact(stack, request, targetOf(route, options.flow), options);
    if ((response.status !== 401 && response.status !== 407) || session === undefined) {
      return { response, request, route, flow };
    }
    const outcome = session.handleChallenge(response);
    if (outcome.action === 'give-up') return { response, request, route, flow, authenticationFailure: outcome.reason };
    const cseq = request.cseq;
    request.setHeader('CSeq', `${cseq.seq + 1} ${cseq.method}`);
    applyAuthorization(request, outcome.headers);
  }
}

/** Whether an error calls for the next route (RFC 3263 §4.3): timeouts and transport errors do. */
function isFailoverError(error: unknown): boolean {
  return error instanceof RequestFailedError && (error.kind === 'timeout' || error.kind === 'transport');
}

/**
 * Sends `options.request` and resolves with its final response, trying the routes
 * in order (RFC 3263 §4.3) and answering challenges (RFC 3261 §22). Rejects with a
 * {@link RequestFailedError}: `no-route` when there is nothing to try, `timeout` or
 * `transport` when every route failed that way (the last failure decides), `aborted`
 * when the signal fired. The request object is updated in place (CSeq, credentials),
 * so the caller can read the CSeq it ended at.
 */
export async function sendRequest(stack: RequestStack, options: SendRequestOptions): Promise<SentRequest> {
  const request = options.request;
  let routes = options.routes;
  if (routes === undefined) {
    const hop = nextHop(request);
    try {
      routes = await stack.lookupRoutes(hop);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new RequestFailedError('no-route', `no server found for ${hop.toString()}: ${detail}`, { cause: error });
    }
  }
  if (routes.length === 0) throw new RequestFailedError('no-route', `no route to send ${request.method} ${request.uriText} to`);
  const session = options.authenticator?.createSession({
    method: request.method,
    uri: request.uriText,
    body: request.body,
  });
  if (session !== undefined) applyAuthorization(request, session.headers);
  try {
    const { result } = await tryRoutes(routes, (route) => sendToRoute(stack, route, options, session), {
      needsFailover: (sent) => sent.response.status === 503,
      shouldFailover: isFailoverError,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return result;
  } catch (error) {
    if (error instanceof RouteFailoverError) {
      const last = error.failures[error.failures.length - 1]?.error;
      const kind = last instanceof RequestFailedError ? last.kind : 'transport';
      throw new RequestFailedError(kind, `${request.method} ${request.uriText}: ${error.message}`, { cause: error });
    }
    if (options.signal?.aborted === true && !(error instanceof RequestFailedError)) {
      throw new RequestFailedError('aborted', `${request.method} was stopped`, { cause: error });
    }
    throw error;
  }
}
