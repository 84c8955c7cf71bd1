/**
 * The one entry point of SUBSCRIBE and NOTIFY requests of an Engine (RFC 6665): NOTIFYs
 * go to the subscription whose SUBSCRIBE they answer (Call-ID and our From tag, §4.4.1),
 * in-dialog SUBSCRIBEs to the notifier's subscription of their dialog, new SUBSCRIBEs to
 * the handler of their event package. What nothing claims gets the default answers:
 * 489 Bad Event with Allow-Events for an unserved package (§7.2.2, §8.3.2), 481 for a
 * NOTIFY or in-dialog SUBSCRIBE that matches no subscription (§4.1.3, §4.2.1.2).
 *
 * There is one router per Engine ({@link EventRouter.of}); every user of SUBSCRIBE or
 * NOTIFY registers here rather than at the Engine, since the router answers whatever
 * it does not route.
 */
import type { Flow } from '../transport/index.js';
import { createResponse, type SIPRequest } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import { dialogIdOfRequest, dialogKey } from '../dialog/index.js';
import type { EventEngine } from './event-engine.js';

/** Receives the requests routed to one subscription; it must answer them through the Engine. */
export type EventRequestReceiver = (request: SIPRequest, transaction: ServerTransaction, flow: Flow) => void;

/** The key of a subscriber's NOTIFYs: the SUBSCRIBE's Call-ID and From tag (RFC 6665 §4.4.1). */
export function subscriberKey(callId: string, localTag: string): string {
  return callId + '\n' + localTag;
}

/** The event package of an Event value (`presence.winfo;id=1` → `presence.winfo`), lower-cased: package names are tokens compared case-insensitively (RFC 6665 §8.2.1). */
export function eventPackage(event: string): string {
  const semi = event.indexOf(';');
  return (semi < 0 ? event : event.slice(0, semi)).trim().toLowerCase();
}

const routers = new WeakMap<EventEngine, EventRouter>();

/** Routes SUBSCRIBE and NOTIFY requests of one Engine. */
export class EventRouter {
  private readonly subscribers = new Map<string, EventRequestReceiver>();
  private readonly dialogs = new Map<string, EventRequestReceiver>();
  private readonly packages = new Map<string, EventRequestReceiver>();

  private constructor(private readonly engine: EventEngine) {
    engine.addRequestHandler('NOTIFY', (request, transaction, flow) => this.routeNotify(request, transaction, flow));
    engine.addRequestHandler('SUBSCRIBE', (request, transaction, flow) => this.routeSubscribe(request, transaction, flow));
  }

  /** The router of `engine`, created (and its SUBSCRIBE and NOTIFY handlers registered) on first use. */
  static of(engine: EventEngine): EventRouter {
    let router = routers.get(engine);
    if (router === undefined) {
      router = new EventRouter(engine);
      routers.set(engine, router);
    }
    return router;
  }

  /** The packages served, for Allow-Events (RFC 6665 §8.2.2). */
  get allowEvents(): string[] {
    return [...this.packages.keys()];
  }

  /** Routes NOTIFYs with Call-ID `callId` and To tag `localTag` to `receiver`; returns its remover. */
  addSubscriber(callId: string, localTag: string, receiver: EventRequestReceiver): () => void {
    return this.register(this.subscribers, subscriberKey(callId, localTag), receiver);
  }

  /** Routes in-dialog SUBSCRIBEs of the dialog with key `key` (see `dialogKey`) to `receiver`; returns its remover. */
  addNotifierDialog(key: string, receiver: EventRequestReceiver): () => void {
    return this.register(this.dialogs, key, receiver);
  }

  /** Routes new SUBSCRIBEs for `event` (a package name) to `receiver`; returns its remover. Throws when the package has a handler already. */
  addPackage(event: string, receiver: EventRequestReceiver): () => void {
    const name = eventPackage(event);
    if (this.packages.has(name)) throw new Error(`the event package ${name} is served already`);
    return this.register(this.packages, name, receiver);
  }

  private register(map: Map<string, EventRequestReceiver>, key: string, receiver: EventRequestReceiver): () => void {
    map.set(key, receiver);
    return () => {
      if (map.get(key) === receiver) map.delete(key);
    };
  }

  private routeNotify(request: SIPRequest, transaction: ServerTransaction, flow: Flow): boolean {
    const tag = request.to.tag;
    const receiver = tag === undefined ? undefined : this.subscribers.get(subscriberKey(request.callId, tag));
    if (receiver === undefined) {
      this.engine.sendResponse(transaction, createResponse(request, 481, 'Subscription Does Not Exist'));
      return true;
    }
    receiver(request, transaction, flow);
    return true;
  }

  private routeSubscribe(request: SIPRequest, transaction: ServerTransaction, flow: Flow): boolean {
    const id = dialogIdOfRequest(request);
    if (id !== undefined) {
      const receiver = this.dialogs.get(dialogKey(id));
      if (receiver === undefined) {
        this.engine.sendResponse(transaction, createResponse(request, 481, 'Subscription Does Not Exist'));
      } else {
        receiver(request, transaction, flow);
      }
      return true;
    }
    const event = request.getHeader('Event');
    const receiver = event === undefined ? undefined : this.packages.get(eventPackage(event));
    if (receiver === undefined) {
      const response = createResponse(request, 489, 'Bad Event');
      const allowed = this.allowEvents;
      if (allowed.length > 0) response.setHeader('Allow-Events', allowed.join(', '));
      this.engine.sendResponse(transaction, response);
      return true;
    }
    receiver(request, transaction, flow);
    return true;
  }
}
