/**
 * Requests addressed to accounts (RFC 3261 §8.2.2.1: by Request-URI, else To): MESSAGE
 * (RFC 3428) answered 200 and posted as `SIPAccountGotMessage`, or 415 with Accept for a
 * body type not taken; NOTIFY outside any subscription (no To tag, e.g. an unsolicited
 * message-summary) answered 200 and posted as `SIPAccountGotNotify`; SUBSCRIBE for the
 * `presence` and `dialog` packages posted as `SIPAccountGotIncomingSubscription` for the
 * application to accept or reject (404 when no account matches). Requests for no account
 * are left to the Engine's other handlers.
 */
import {
  answerMessage,
  createResponse,
  generateTag,
  IncomingSubscription,
  type Engine,
  type SIPRequest,
  type ServerTransaction,
} from '../core/index.js';
import type { NotificationCenter } from '../notification/index.js';

/** An account as the router sees it. */
export interface RoutedAccount {
  readonly notificationCenter: NotificationCenter;
  /** Answers SUBSCRIBEs itself (see `AccountLike.handleIncomingSubscription`). */
  handleIncomingSubscription?(subscription: IncomingSubscription): void;
}

/** Finds the account a request URI (or To URI) is for. */
export type AccountFinder = (uri: { user?: string | undefined; host: string; port?: number | undefined }) => RoutedAccount | undefined;

/** Body types accounts take in MESSAGE requests by default. */
export const DEFAULT_MESSAGE_ACCEPT: readonly string[] = ['text/plain', 'text/html', 'message/cpim', 'application/im-iscomposing+xml'];

/** Event packages whose SUBSCRIBEs are routed to accounts. */
const SERVED_PACKAGES = ['presence', 'dialog'] as const;

/**
 * The NOTIFY handler of each Engine, registered once for the Engine's life: the Engine asks
 * handlers in registration order and the event router (RFC 6665) answers every NOTIFY it
 * sees, so ours must come first and stay first across restarts of the application.
 */
const notifySlots = new WeakMap<Engine, { router: IncomingRequestRouter | undefined }>();

/** Routes incoming requests to accounts; see the module comment. */
export class IncomingRequestRouter {
  readonly #removers: Array<() => void> = [];
  #routing = false;

  constructor(
    private readonly engine: Engine,
    private readonly find: AccountFinder,
    private readonly accept: readonly string[] = DEFAULT_MESSAGE_ACCEPT,
  ) {}

  /** Registers the handlers. Packages another part of the application serves already are left to it. */
  start(): void {
    if (this.#routing) return;
    this.#routing = true;
    let slot = notifySlots.get(this.engine);
    if (slot === undefined) {
      const created: { router: IncomingRequestRouter | undefined } = { router: undefined };
      this.engine.addRequestHandler('NOTIFY', (request, transaction) => {
        const router = created.router;
        return router === undefined ? false : router.#notify(request, transaction);
      });
      notifySlots.set(this.engine, created);
      slot = created;
    }
    slot.router = this;
    this.#removers.push(
      this.engine.addRequestHandler('MESSAGE', (request, transaction) => this.#message(request, transaction), { accept: [...this.accept] }),
      () => {
        if (slot.router === this) slot.router = undefined;
      },
    );
    for (const event of SERVED_PACKAGES) {
      try {
        this.#removers.push(IncomingSubscription.serve(this.engine, { event, onSubscribe: (subscription) => this.#subscribe(subscription) }));
      } catch (error) {
        this.engine.log('info', `account SUBSCRIBE routing for ${event} is off: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Removes the handlers. */
  stop(): void {
    this.#routing = false;
    for (const remove of this.#removers.splice(0)) remove();
  }

  /** The account a request is for: by Request-URI, else by To. */
  #accountOf(request: SIPRequest): RoutedAccount | undefined {
    for (const uri of [request.uri, request.to.uri]) {
      if (uri.kind !== 'sip') continue;
      const account = this.find({ user: uri.user, host: uri.host, port: uri.port });
      if (account !== undefined) return account;
    }
    return undefined;
  }

  #message(request: SIPRequest, transaction: ServerTransaction): boolean {
    if (request.to.tag !== undefined) return false;
    const account = this.#accountOf(request);
    if (account === undefined) return false;
    const contentType = answerMessage(this.engine, request, transaction, this.accept);
    if (contentType === undefined) return true;
    account.notificationCenter.postNotification('SIPAccountGotMessage', account, {
      sender: request.from,
      toHeader: request.to,
      contentType,
      body: request.body,
      request,
    });
    return true;
  }

  #notify(request: SIPRequest, transaction: ServerTransaction): boolean {
    if (request.to.tag !== undefined) return false;
    const account = this.#accountOf(request);
    if (account === undefined) return false;
    const event = request.getHeader('Event');
    if (event === undefined) {
      this.engine.sendResponse(transaction, createResponse(request, 400, 'Missing Event header'));
      return true;
    }
    this.engine.sendResponse(transaction, createResponse(request, 200, undefined, { toTag: generateTag() }));
    account.notificationCenter.postNotification('SIPAccountGotNotify', account, {
      event: event.split(';')[0]!.trim().toLowerCase(),
      contentType: request.getHeader('Content-Type'),
      body: request.body,
      request,
    });
    return true;
  }

  #subscribe(subscription: IncomingSubscription): void {
    const account = this.#accountOf(subscription.request);
    if (account === undefined) {
      subscription.reject(404, 'Not Found');
      return;
    }
    if (account.handleIncomingSubscription !== undefined) {
      account.handleIncomingSubscription(subscription);
      return;
    }
    account.notificationCenter.postNotification('SIPAccountGotIncomingSubscription', account, {
      subscription,
      event: subscription.event,
      fromHeader: subscription.fromHeader,
    });
  }
}
