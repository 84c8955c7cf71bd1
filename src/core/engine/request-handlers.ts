/**
 * Handlers of incoming requests, registered per method by the layers above the Engine
 * (registration, subscriptions, MESSAGE, INVITE sessions...). Each handler may claim
 * a request (it then answers it) or decline it, so that several users of one method
 * share it; handlers are asked in registration order.
 */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import type { Flow } from '../transport/index.js';

/**
 * A handler of new requests of one method. Returns true when it claims the request:
 * it then answers through `transaction` (with {@link Engine.sendResponse}), now or later.
 * Returning false (or nothing) lets the next handler, and then the Engine, answer.
 */
export type RequestHandler = (request: SIPRequest, transaction: ServerTransaction, flow: Flow) => boolean | void;

/** A handler of ACKs that belong to no transaction: the ACKs of 2xx responses (RFC 3261 §13.3.1.4). Returns true when it claims the ACK. */
export type AckHandler = (ack: SIPRequest, flow: Flow) => boolean | void;

/** A handler of responses that match no client transaction, e.g. a retransmitted 2xx to INVITE (RFC 3261 §13.2.2.4). */
export type StrayResponseHandler = (response: SIPResponse, flow: Flow) => boolean | void;

/** Options of {@link RequestHandlers.add}. */
export interface RequestHandlerOptions {
  /** Body types this handler accepts (`type/subtype`), listed in Accept of OPTIONS responses. */
  accept?: string[];
}

interface Entry<H> {
  handler: H;
  accept: string[];
}

/** An ordered list of handlers; `claim()` asks them in order until one claims. */
export class HandlerList<H extends (...args: never[]) => boolean | void> {
  private entries: Entry<H>[] = [];

  /** Adds a handler; returns a function that removes it. */
  add(handler: H, options: RequestHandlerOptions = {}): () => void {
    const entry = { handler, accept: [...(options.accept ?? [])] };
    this.entries = [...this.entries, entry];
    return () => {
      this.entries = this.entries.filter((candidate) => candidate !== entry);
    };
  }

  /** Whether any handler is registered. */
  get size(): number {
    return this.entries.length;
  }

  /** The accepted body types of every handler, without repeats. */
  get accept(): string[] {
    return [...new Set(this.entries.flatMap((entry) => entry.accept))];
  }

  /** Asks the handlers in order; returns true when one claimed. */
  claim(...args: Parameters<H>): boolean {
    for (const entry of this.entries) {
      if (entry.handler(...args) === true) return true;
    }
    return false;
  }
}

/** Request handlers per method (case-sensitive, RFC 3261 §7.1). */
export class RequestHandlers {
  private readonly byMethod = new Map<string, HandlerList<RequestHandler>>();

  /** Registers `handler` for `method`; returns a function that removes it. */
  add(method: string, handler: RequestHandler, options: RequestHandlerOptions = {}): () => void {
    let list = this.byMethod.get(method);
    if (list === undefined) {
      list = new HandlerList<RequestHandler>();
      this.byMethod.set(method, list);
    }
    return list.add(handler, options);
  }

  /** The handlers of `method`, if any. */
  get(method: string): HandlerList<RequestHandler> | undefined {
    return this.byMethod.get(method);
  }

  /** Methods with at least one handler. */
  get methods(): string[] {
    return [...this.byMethod].filter(([, list]) => list.size > 0).map(([method]) => method);
  }

  /** Body types accepted by any handler. */
  get accept(): string[] {
    return [...new Set([...this.byMethod.values()].flatMap((list) => list.accept))];
  }
}
