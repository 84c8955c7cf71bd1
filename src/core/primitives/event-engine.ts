/**
 * What the event framework (RFC 6665) needs from the Engine beyond sending requests:
 * request handlers per method, responses on server transactions, and the local address
 * for Contact. The `Engine` fits.
 */
import type { RequestHandler, RequestHandlerOptions } from '../engine/request-handlers.js';
import type { SIPResponse } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { PrimitiveEngine } from './primitive-engine.js';

/** The Engine as {@link Subscription}, {@link IncomingSubscription} and the {@link EventRouter} use it. */
export interface EventEngine extends PrimitiveEngine {
  /** Registers a handler of new requests of `method`; returns its remover. */
  addRequestHandler(method: string, handler: RequestHandler, options?: RequestHandlerOptions): () => void;
  /** Sends a response on the server transaction of its request. */
  sendResponse(transaction: ServerTransaction, response: SIPResponse): void;
}
