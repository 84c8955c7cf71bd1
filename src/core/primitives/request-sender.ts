/**
 * Sending one request as a UAC with authentication (RFC 3261 §8.1, §22.2, §22.3): the
 * Engine's send path runs the client transactions and the RFC 3263 §4.3 failover
 * (timeout, transport error, 503); this adds the answers to 401 and 407 challenges
 * with an {@link AuthenticationSession} (same Call-ID, CSeq plus one, new branch),
 * re-sent to the server that challenged, and reports which route and flow answered.
 * Every primitive (Request, Message, Registration, Publication, Subscription) sends
 * through {@link sendRequest}.
 */
import type { AuthenticationSession, DigestAuthenticator } from '../auth/index.js';
import { EngineError, type SendRequestOptions as EngineSendOptions } from '../engine/index.js';
import type { SIPRequest, SIPResponse } from '../message/index.js';
import type { ClientTransaction, TransactionFlow } from '../transaction/index.js';
import { Route } from '../../lookup/index.js';
import { RequestFailedError } from './errors.js';

/** What sending a request needs from the SIP stack: the Engine's `sendRequest` (client transactions with failover). */
export interface RequestStack {
  sendRequest(request: SIPRequest, options?: EngineSendOptions): Promise<SIPResponse>;
}

/** Options of {@link sendRequest}. */
export interface SendRequestOptions {
  /** A complete request but for Via (added per transaction) and the Authorization headers (added here). */
  request: SIPRequest;
  /** Routes to try in order (an outbound proxy); otherwise the Engine locates the next hop with DNS. */
  routes?: readonly Route[] | undefined;
  /** Answers 401/407 challenges; without it, a challenge is the final response. */
  authenticator?: DigestAuthenticator | undefined;
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
  /** The destination that answered. */
  route: Route | undefined;
  /** The flow the request went out on (the connection, or the UDP socket and peer), when known. */
  flow: TransactionFlow | undefined;
  /** Why a 401/407 was not answered again (wrong password, no credentials for the realm...). */
  authenticationFailure?: string;
}

/** The route a transaction was sent to. */
function routeOf(transaction: ClientTransaction): Route | undefined {
  const target = transaction.target;
  try {
    return new Route(target.host, target.port, target.protocol, target.tlsServerName);
  } catch {
    return undefined;
  }
}

/** Puts the authorization headers of a (re-)send on `request`, replacing earlier ones. */
function applyAuthorization(request: SIPRequest, headers: AuthenticationSession['headers']): void {
  request.removeHeader('Authorization');
  request.removeHeader('Proxy-Authorization');
  for (const header of headers) request.addHeader(header.name, header.value);
}

/** The failure of a send, typed by what the last transaction met. */
function failure(request: SIPRequest, error: unknown, last: ClientTransaction | undefined, signal?: AbortSignal): RequestFailedError {
  if (error instanceof RequestFailedError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const what = `${request.method} ${request.uriText}`;
  if (signal?.aborted === true) return new RequestFailedError('aborted', `${what} was stopped`, { cause: error });
  if (error instanceof EngineError && error.code === 'not-started') {
    return new RequestFailedError('engine-stopped', `${what}: ${detail}`, { cause: error });
  }
  if (last === undefined) return new RequestFailedError('no-route', `${what}: ${detail}`, { cause: error });
  const kind = last.outcome === 'timeout' ? 'timeout' : 'transport';
  return new RequestFailedError(kind, `${what}: ${detail}`, { cause: error });
}

/** One send through the Engine; resolves with the final response and the transaction that got it. */
async function sendOnce(
  stack: RequestStack,
  request: SIPRequest,
  routes: readonly Route[] | undefined,
  options: SendRequestOptions,
): Promise<{ response: SIPResponse; transaction: ClientTransaction | undefined }> {
  let last: ClientTransaction | undefined;
  const engineOptions: EngineSendOptions = {
    onTransaction: (transaction) => {
      last = transaction;
    },
    onResponse: (response) => {
      if (response.status < 200) options.onProvisional?.(response);
    },
  };
  if (routes !== undefined) engineOptions.routes = [...routes];
  if (options.signal !== undefined) engineOptions.signal = options.signal;
  try {
    const response = await stack.sendRequest(request, engineOptions);
    options.signal?.throwIfAborted();
    return { response, transaction: last };
  } catch (error) {
    throw failure(request, error, last, options.signal);
  }
}

/**
 * Sends `options.request` and resolves with its final response, answering challenges
 * (RFC 3261 §22) within the authenticator's bounds; re-sends go to the route that
 * challenged. Rejects with a {@link RequestFailedError}: `no-route` when there is
 * nothing to try, `timeout` or `transport` when every route failed (the last failure
 * decides), `aborted` when the signal fired. The request object is updated in place
 * (CSeq, credentials), so the caller can read the CSeq it ended at.
 */
export async function sendRequest(stack: RequestStack, options: SendRequestOptions): Promise<SentRequest> {
  const request = options.request;
  const session = options.authenticator?.createSession({ method: request.method, uri: request.uriText, body: request.body });
  if (session !== undefined && session.headers.length > 0) applyAuthorization(request, session.headers);
  let routes = options.routes;
  for (;;) {
    const { response, transaction } = await sendOnce(stack, request, routes, options);
    const route = transaction === undefined ? undefined : routeOf(transaction);
    const flow = transaction?.target.flow;
    if ((response.status !== 401 && response.status !== 407) || session === undefined) {
      return { response, request, route, flow };
    }
    const outcome = session.handleChallenge(response);
    if (outcome.action === 'give-up') return { response, request, route, flow, authenticationFailure: outcome.reason };
    const cseq = request.cseq;
    request.setHeader('CSeq', `${cseq.seq + 1} ${cseq.method}`);
    applyAuthorization(request, outcome.headers);
    if (route !== undefined) routes = [route];
  }
}
